// File: nemesis.cc
// Poisson arrivals per fault kind, target choice, the budget rule, undo and stop (nemesis.h).
#include "sim/cluster/nemesis.h"

#include <algorithm>
#include <utility>

#include "sim/base/check.h"
#include "sim/cluster/nemesis_helpers.h"

namespace faultline {
namespace {

using nemesis_detail::index_of;
using nemesis_detail::node_name;
using nemesis_detail::one_half;
using nemesis_detail::server;

NemesisDecision skip_decision(FaultKind kind, std::string_view reason, std::string_view target) {
  NemesisDecision decision;
  decision.kind = kind;
  decision.skipped = true;
  decision.reason = std::string(reason);
  decision.target = std::string(target);
  return decision;
}

// Mean gap between arrivals of a Poisson process with `rate` per second, in ns, rounded to the
// nearest ns and kept in [1, 9e18]; 0 when the rate is zero.
Duration mean_gap(RatePerSecond rate) {
  FL_CHECK(rate.denominator > 0, "rate with zero denominator");
  if (rate.numerator == 0) {
    return Duration{0};
  }
  __extension__ using WideUnsigned = unsigned __int128;  // GCC and Clang; 1e9 * 2^64 fits
  WideUnsigned scaled = static_cast<WideUnsigned>(rate.denominator) * 1'000'000'000u;
  WideUnsigned mean = (scaled + rate.numerator / 2) / rate.numerator;
  constexpr WideUnsigned limit = 9'000'000'000'000'000'000u;
  return Duration{static_cast<int64_t>(std::clamp<WideUnsigned>(mean, 1, limit))};
}

}  // namespace

std::string format_rate(RatePerSecond rate) {
  uint64_t scale = 1;
  size_t decimals = 0;
  while (scale < rate.denominator && scale <= UINT64_MAX / 10) {
    scale *= 10;
    ++decimals;
  }
  if (scale != rate.denominator) {
    return fmt::format("{}/{}/s", rate.numerator, rate.denominator);
  }
  std::string text = std::to_string(rate.numerator / scale);
  if (decimals > 0 && rate.numerator % scale != 0) {
    std::string fraction = fmt::format("{:0{}}", rate.numerator % scale, decimals);
    fraction.erase(fraction.find_last_not_of('0') + 1);
    text += "." + fraction;
  }
  return text + "/s";
}

RatePerSecond NemesisConfig::rate(FaultKind kind) const {
  return const_cast<NemesisConfig*>(this)->rate(kind);
}

RatePerSecond& NemesisConfig::rate(FaultKind kind) {
  switch (kind) {
    case FaultKind::crash:
      return crash_per_second;
    case FaultKind::partition:
      return partition_per_second;
    case FaultKind::clog:
      return clog_per_second;
    case FaultKind::clock_jump:
      return clock_jump_per_second;
    case FaultKind::torn_crash:
      return torn_crash_per_second;
    case FaultKind::corrupt:
      return corrupt_per_second;
    case FaultKind::wipe:
      return wipe_per_second;
    case FaultKind::disk_full:
      return disk_full_per_second;
  }
  FL_CHECK(false, "unknown fault kind {}", index_of(kind));
  return crash_per_second;
}

bool NemesisConfig::any_enabled() const {
  return std::any_of(all_fault_kinds.begin(), all_fault_kinds.end(),
                     [this](FaultKind kind) { return !rate(kind).is_zero(); });
}

NemesisConfig swarm_config(const NemesisConfig& base, Rng& swarm_rng, std::string& description) {
  NemesisConfig config = base;
  description.clear();
  for (FaultKind kind : all_fault_kinds) {
    RatePerSecond rate = Ratio::zero();
    if (swarm_rng.chance(one_half)) {
      rate = Ratio{swarm_rng.uniform(5, 100), 100};
      description += fmt::format("{}{}={}", description.empty() ? "" : " ", fault_kind_name(kind),
                                 format_rate(rate));
    }
    config.rate(kind) = rate;
  }
  if (description.empty()) {
    description = "none";
  }
  return config;
}

uint64_t NemesisCounters::injected_total() const {
  uint64_t total = 0;
  for (uint64_t count : injected) {
    total += count;
  }
  return total;
}

uint64_t NemesisCounters::skipped_budget_total() const {
  uint64_t total = 0;
  for (uint64_t count : skipped_budget) {
    total += count;
  }
  return total;
}

Nemesis::Nemesis(const NemesisConfig& config, Rng rng, Simulator& simulator, NemesisWorld& world)
    : config_(config),
      simulator_(simulator),
      world_(world),
      server_count_(world.server_count()),
      damaged_(server_count_ + 1, false),
      disk_full_(server_count_ + 1, false),
      clock_skewed_until_(server_count_ + 1, Time::zero()),
      restart_event_(server_count_ + 1),
      disk_full_end_event_(server_count_ + 1) {
  FL_CHECK(server_count_ >= 1 && server_count_ <= Reachability::max_servers,
           "nemesis over {} servers", server_count_);
  FL_CHECK(
      config.fault_duration_min.ns >= 0 && config.fault_duration_min <= config.fault_duration_max,
      "fault duration [{}, {}]", config.fault_duration_min.ns, config.fault_duration_max.ns);
  FL_CHECK(config.clock_jump_per_second.is_zero() || config.clock_jump_max.ns > 0,
           "clock jumps need clock_jump_max > 0");
  // Always eight draws, whatever is enabled: kind k's stream does not depend on the other rates.
  for (FaultKind kind : all_fault_kinds) {
    kind_rngs_.emplace_back(rng.next());
    mean_gap_[index_of(kind)] = mean_gap(config.rate(kind));
  }
}

Nemesis::Nemesis(const std::vector<NemesisDecision>& timeline, Simulator& simulator,
                 NemesisWorld& world)
    : Nemesis(NemesisConfig{}, Rng(0), simulator, world) {
  scripted_ = true;
  for (const NemesisDecision& entry : timeline) {
    check_entry(entry);
    script_[index_of(entry.kind)].push_back(entry);
  }
  for (std::vector<NemesisDecision>& entries : script_) {
    std::stable_sort(entries.begin(), entries.end(),
                     [](const NemesisDecision& left, const NemesisDecision& right) {
                       return left.at < right.at;
                     });
  }
}

Nemesis::~Nemesis() {
  cancel_all();
}

void Nemesis::check_entry(const NemesisDecision& entry) const {
  auto is_server = [this](uint32_t number) { return number >= 1 && number <= server_count_; };
  auto all_servers = [&](const std::vector<uint32_t>& numbers) {
    return std::all_of(numbers.begin(), numbers.end(), is_server) &&
           std::is_sorted(numbers.begin(), numbers.end()) &&
           std::adjacent_find(numbers.begin(), numbers.end()) == numbers.end();
  };
  FL_CHECK(entry.at.ns >= 0, "timeline entry at {}", entry.at.ns);
  if (entry.skipped) {
    FL_CHECK(!entry.reason.empty() && !entry.target.empty(), "timeline skip without reason");
    return;
  }
  FL_CHECK(all_servers(entry.from) && all_servers(entry.to), "timeline entry with bad servers");
  switch (entry.kind) {
    case FaultKind::partition:
      FL_CHECK(entry.partition_shape == PartitionShape::ring ||
                   entry.partition_shape == PartitionShape::split ||
                   entry.partition_shape == PartitionShape::one_way || is_server(entry.node),
               "partition entry without a node");
      break;
    case FaultKind::clog:
      FL_CHECK(!entry.from.empty() && !entry.to.empty() && server_count_ >= 2,
               "clog entry without servers");
      break;
    default:
      FL_CHECK(is_server(entry.node), "timeline entry for server {} of {}", entry.node,
               server_count_);
  }
  FL_CHECK(!fault_kind_has_duration(entry.kind) || entry.duration.ns > 0,
           "timeline entry with duration {}", entry.duration.ns);
  FL_CHECK(entry.kind != FaultKind::clock_jump || entry.by.ns != 0, "clock jump by 0");
}

void Nemesis::start(Time phase_start, Time phase_end) {
  FL_CHECK(!running_, "nemesis started twice");
  FL_CHECK(phase_start >= simulator_.now() && phase_end >= phase_start,
           "nemesis phase [{}, {}) at {}", phase_start.ns, phase_end.ns, simulator_.now().ns);
  running_ = true;
  phase_start_ = phase_start;
  phase_end_ = phase_end;
  // In FaultKind order in both modes: equal arrival times break ties by insertion order.
  for (FaultKind kind : all_fault_kinds) {
    if (scripted_ && !script_[index_of(kind)].empty()) {
      schedule_scripted(kind);
    } else if (!scripted_ && mean_gap_[index_of(kind)].ns > 0) {
      schedule_arrival(kind, phase_start);
    }
  }
}

void Nemesis::schedule_scripted(FaultKind kind) {
  const std::vector<NemesisDecision>& entries = script_[index_of(kind)];
  size_t next = script_next_[index_of(kind)];
  if (next == entries.size()) {
    return;
  }
  Time at = phase_start_ + entries[next].at;
  FL_CHECK(at >= simulator_.now() && at < phase_end_, "timeline entry at {} outside [{}, {})",
           at.ns, simulator_.now().ns, phase_end_.ns);
  arrival_event_[index_of(kind)] =
      simulator_.schedule_callback_at(at, [this, kind] { on_arrival(kind); });
}

void Nemesis::schedule_arrival(FaultKind kind, Time from) {
  Duration gap = kind_rngs_[index_of(kind)].exponential(mean_gap_[index_of(kind)]);
  if (gap >= phase_end_ - from) {
    return;  // the next arrival would fall at or after the phase end
  }
  arrival_event_[index_of(kind)] =
      simulator_.schedule_callback_at(from + gap, [this, kind] { on_arrival(kind); });
}

void Nemesis::on_arrival(FaultKind kind) {
  arrival_event_[index_of(kind)].reset();
  ++counters_.arrivals[index_of(kind)];
  prune_clogs();
  // The next arrival of the kind is scheduled after the fault (and its undo event), in both modes.
  if (scripted_) {
    replay(script_[index_of(kind)][script_next_[index_of(kind)]++]);
    schedule_scripted(kind);
    return;
  }
  inject(kind, kind_rngs_[index_of(kind)]);
  schedule_arrival(kind, simulator_.now());
}

void Nemesis::record_decision(NemesisDecision decision) {
  decision.at = simulator_.now() - phase_start_;
  decisions_.push_back(std::move(decision));
}

void Nemesis::end_crash(uint32_t number) {
  restart_event_[number].reset();
  if (world_.is_up(server(number))) {
    return;  // someone else restarted it
  }
  if (damaged_[number]) {
    // Raft refuses to start on a damaged disk: the server stays down (and counted).
    std::string target = node_name(number);
    TraceEvent event{
        "nemesis", "skip", {{"action", "restart"}, {"reason", "damaged"}, {"target", target}}};
    world_.record(event);
    return;
  }
  TraceEvent event{"nemesis", "restart"};
  world_.record(event.with_node(server(number)));
  world_.restart(server(number));
}

void Nemesis::end_partition() {
  heal_event_.reset();
  if (own_partition_ && world_.reachability() == *own_partition_) {
    TraceEvent event{"nemesis", "heal", {{"scope", "partition"}}};
    world_.record(event);
    world_.set_reachability(Reachability(server_count_), "full");
  }
  own_partition_.reset();
}

void Nemesis::end_disk_full(uint32_t number) {
  disk_full_end_event_[number].reset();
  disk_full_[number] = false;
  TraceEvent event{"nemesis", "disk_full_end"};
  world_.record(event.with_node(server(number)));
  world_.set_disk_full(server(number), false);
  // A failed sync halts Raft (fail-stop); freeing the disk is followed by a restart, as an
  // operator would do. A pending crash undo restarts it later instead.
  if (!world_.is_up(server(number)) && !damaged_[number] && !restart_event_[number]) {
    TraceEvent restart{"nemesis", "restart"};
    world_.record(restart.with_node(server(number)));
    world_.restart(server(number));
  }
}

void Nemesis::stop() {
  for (std::optional<EventId>& arrival : arrival_event_) {
    if (arrival) {
      simulator_.cancel(*arrival);
      arrival.reset();
    }
  }
  for (uint32_t number = 1; number <= server_count_; ++number) {
    if (disk_full_end_event_[number]) {
      simulator_.cancel(*disk_full_end_event_[number]);
      end_disk_full(number);
    }
  }
  for (uint32_t number = 1; number <= server_count_; ++number) {
    if (restart_event_[number]) {
      simulator_.cancel(*restart_event_[number]);
      end_crash(number);
    }
  }
  prune_clogs();
  if (!clogs_.empty()) {
    if (heal_event_) {
      simulator_.cancel(*heal_event_);
      heal_event_.reset();
    }
    TraceEvent event{"nemesis", "heal", {{"scope", "network"}}};
    world_.record(event);
    world_.heal_network();
    clogs_.clear();
    own_partition_.reset();
  } else if (heal_event_) {
    simulator_.cancel(*heal_event_);
    end_partition();
  }
  running_ = false;
}

void Nemesis::cancel_all() {
  auto cancel = [this](std::optional<EventId>& event) {
    if (event) {
      simulator_.cancel(*event);
      event.reset();
    }
  };
  for (std::optional<EventId>& event : arrival_event_) {
    cancel(event);
  }
  for (uint32_t number = 0; number <= server_count_; ++number) {
    cancel(restart_event_[number]);
    cancel(disk_full_end_event_[number]);
  }
  cancel(heal_event_);
}

void Nemesis::note_damaged(NodeId node) {
  FL_CHECK(node.is_server() && node.number() <= server_count_, "no server {}", node.name());
  damaged_[node.number()] = true;
}

bool Nemesis::is_damaged(NodeId node) const {
  return node.is_server() && node.number() <= server_count_ && damaged_[node.number()];
}

void Nemesis::prune_clogs() {
  Time now = simulator_.now();
  std::erase_if(clogs_, [now](const ActiveClog& clog) { return clog.until <= now; });
}

uint32_t Nemesis::faulty_count() const {
  return faulty_after(Change{});
}

uint32_t Nemesis::faulty_after(const Change& change) const {
  Time now = simulator_.now();
  std::vector<bool> healthy(server_count_ + 1, false);
  for (uint32_t number = 1; number <= server_count_; ++number) {
    healthy[number] = world_.is_up(server(number)) && !damaged_[number] && !disk_full_[number] &&
                      clock_skewed_until_[number] <= now && number != change.unhealthy;
  }
  Reachability reachability =
      change.reachability != nullptr ? *change.reachability : world_.reachability();
  FL_CHECK(reachability.server_count() == server_count_, "reachability over {} servers, not {}",
           reachability.server_count(), server_count_);
  auto cut = [&reachability](const ActiveClog& clog) {
    for (uint32_t from : clog.from) {
      for (uint32_t to : clog.to) {
        reachability.cut(from, to);
      }
    }
  };
  for (const ActiveClog& clog : clogs_) {
    if (clog.until > now) {
      cut(clog);
    }
  }
  if (change.clog != nullptr) {
    cut(*change.clog);
  }
  std::vector<bool> good = reachability.well_connected(healthy);
  auto well = static_cast<uint32_t>(std::count(good.begin() + 1, good.end(), true));
  return server_count_ - well;
}

bool Nemesis::within_budget(FaultKind kind, const Change& change, std::string_view target) {
  uint32_t faulty = faulty_after(change);
  if (faulty <= config_.max_faulty) {
    return true;
  }
  skip_for_budget(kind, target, faulty);
  return false;
}

void Nemesis::skip_for_budget(FaultKind kind, std::string_view target, uint32_t faulty) {
  ++counters_.skipped_budget[index_of(kind)];
  NemesisDecision decision = skip_decision(kind, "budget", target);
  decision.faulty = faulty;
  record_decision(std::move(decision));
  TraceEvent event{"nemesis",
                   "skip",
                   {{"action", fault_kind_name(kind)},
                    {"reason", "budget"},
                    {"target", target},
                    {"faulty", int64_t{faulty}}}};
  world_.record(event);
}

void Nemesis::skip(FaultKind kind, std::string_view reason, std::string_view target) {
  ++counters_.skipped_other[index_of(kind)];
  record_decision(skip_decision(kind, reason, target));
  TraceEvent event{"nemesis",
                   "skip",
                   {{"action", fault_kind_name(kind)}, {"reason", reason}, {"target", target}}};
  world_.record(event);
}

}  // namespace faultline
