// File: nemesis.cc
// Poisson arrivals per fault kind, target choice, the budget rule, undo and stop (nemesis.h).
#include "sim/cluster/nemesis.h"

#include <algorithm>
#include <utility>

#include "sim/base/check.h"

namespace faultline {
namespace {

constexpr Ratio one_half{1, 2};

size_t index_of(FaultKind kind) {
  return static_cast<size_t>(kind);
}

NodeId server(uint32_t number) {
  return NodeId::server(number);
}

std::string node_name(uint32_t number) {
  return "n" + std::to_string(number);
}

// "n1,n3": a sorted list of server numbers.
std::string node_list(const std::vector<uint32_t>& numbers) {
  std::string text;
  for (uint32_t number : numbers) {
    text += (text.empty() ? "" : ",") + node_name(number);
  }
  return text;
}

std::vector<NodeId> to_ids(const std::vector<uint32_t>& numbers) {
  std::vector<NodeId> ids;
  ids.reserve(numbers.size());
  for (uint32_t number : numbers) {
    ids.push_back(server(number));
  }
  return ids;
}

// Every server number except `excluded` (0: none excluded), ascending.
std::vector<uint32_t> servers_except(uint32_t server_count, uint32_t excluded) {
  std::vector<uint32_t> numbers;
  for (uint32_t number = 1; number <= server_count; ++number) {
    if (number != excluded) {
      numbers.push_back(number);
    }
  }
  return numbers;
}

// A uniformly random `count`-subset of `pool` (partial Fisher-Yates), and the rest; both sorted.
std::pair<std::vector<uint32_t>, std::vector<uint32_t>> choose(Rng& rng, std::vector<uint32_t> pool,
                                                               size_t count) {
  FL_CHECK(count <= pool.size(), "choose {} of {}", count, pool.size());
  for (size_t i = 0; i < count; ++i) {
    size_t j = i + rng.index(pool.size() - i);
    std::swap(pool[i], pool[j]);
  }
  std::vector<uint32_t> chosen(pool.begin(), pool.begin() + static_cast<ptrdiff_t>(count));
  std::vector<uint32_t> rest(pool.begin() + static_cast<ptrdiff_t>(count), pool.end());
  std::sort(chosen.begin(), chosen.end());
  std::sort(rest.begin(), rest.end());
  return {chosen, rest};
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

enum class Shape { isolate, split, bridge, ring, one_way };

std::string_view shape_name(Shape shape) {
  switch (shape) {
    case Shape::isolate:
      return "isolate";
    case Shape::split:
      return "split";
    case Shape::bridge:
      return "bridge";
    case Shape::ring:
      return "ring";
    case Shape::one_way:
      return "one_way";
  }
  return "?";
}

}  // namespace

std::string_view fault_kind_name(FaultKind kind) {
  switch (kind) {
    case FaultKind::crash:
      return "crash";
    case FaultKind::partition:
      return "partition";
    case FaultKind::clog:
      return "clog";
    case FaultKind::clock_jump:
      return "clock_jump";
    case FaultKind::torn_crash:
      return "torn_crash";
    case FaultKind::corrupt:
      return "corrupt";
    case FaultKind::wipe:
      return "wipe";
    case FaultKind::disk_full:
      return "disk_full";
  }
  return "?";
}

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

Nemesis::~Nemesis() {
  cancel_all();
}

void Nemesis::start(Time phase_start, Time phase_end) {
  FL_CHECK(!running_, "nemesis started twice");
  FL_CHECK(phase_start >= simulator_.now() && phase_end >= phase_start,
           "nemesis phase [{}, {}) at {}", phase_start.ns, phase_end.ns, simulator_.now().ns);
  running_ = true;
  phase_end_ = phase_end;
  for (FaultKind kind : all_fault_kinds) {
    if (mean_gap_[index_of(kind)].ns > 0) {
      schedule_arrival(kind, phase_start);
    }
  }
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
  Rng& rng = kind_rngs_[index_of(kind)];
  prune_clogs();
  inject(kind, rng);
  schedule_arrival(kind, simulator_.now());
}

void Nemesis::inject(FaultKind kind, Rng& rng) {
  switch (kind) {
    case FaultKind::crash:
    case FaultKind::torn_crash:
      inject_crash(kind, rng);
      return;
    case FaultKind::partition:
      inject_partition(rng);
      return;
    case FaultKind::clog:
      inject_clog(rng);
      return;
    case FaultKind::clock_jump:
      inject_clock_jump(rng);
      return;
    case FaultKind::corrupt:
    case FaultKind::wipe:
      inject_damage(kind, rng);
      return;
    case FaultKind::disk_full:
      inject_disk_full(rng);
      return;
  }
}

uint32_t Nemesis::pick_up_server(Rng& rng) const {
  std::vector<uint32_t> up;
  for (uint32_t number = 1; number <= server_count_; ++number) {
    if (world_.is_up(server(number))) {
      up.push_back(number);
    }
  }
  if (up.empty()) {
    return 0;
  }
  NodeId leader = world_.leader();
  if (leader.is_server() && leader.number() <= server_count_ && world_.is_up(leader) &&
      rng.chance(one_half)) {
    return leader.number();
  }
  return up[rng.index(up.size())];
}

Duration Nemesis::draw_duration(Rng& rng) const {
  return rng.uniform_duration(config_.fault_duration_min, config_.fault_duration_max);
}

void Nemesis::inject_crash(FaultKind kind, Rng& rng) {
  uint32_t number = pick_up_server(rng);
  if (number == 0) {
    skip(kind, "no_target", "-");
    return;
  }
  if (!within_budget(kind, Change{.unhealthy = number}, node_name(number))) {
    return;
  }
  Duration duration = draw_duration(rng);
  ++counters_.injected[index_of(kind)];
  TraceEvent event{"nemesis", fault_kind_name(kind), {{"duration_ns", duration.ns}}};
  world_.record(event.with_node(server(number)));
  world_.crash(server(number), kind == FaultKind::torn_crash);
  if (restart_event_[number]) {
    simulator_.cancel(*restart_event_[number]);
  }
  restart_event_[number] = simulator_.schedule_callback_at(simulator_.now() + duration,
                                                           [this, number] { end_crash(number); });
}

void Nemesis::inject_partition(Rng& rng) {
  const uint32_t count = server_count_;
  const uint32_t minority = default_max_faulty(count);
  std::vector<Shape> shapes;
  if (count >= 2) {
    shapes.push_back(Shape::isolate);
  }
  if (minority >= 1) {
    shapes.insert(shapes.end(), {Shape::split, Shape::bridge});
  }
  if (count >= 4) {
    shapes.push_back(Shape::ring);
  }
  if (minority >= 1) {
    shapes.push_back(Shape::one_way);
  }
  if (shapes.empty()) {
    skip(FaultKind::partition, "no_target", "-");
    return;
  }
  const Reachability& current = world_.reachability();
  if (!current.is_full() && !(own_partition_ && current == *own_partition_)) {
    skip(FaultKind::partition, "partitioned", "-");
    return;
  }
  Shape shape = shapes[rng.index(shapes.size())];
  Reachability reachability(count);
  std::string targets;
  switch (shape) {
    case Shape::isolate: {
      NodeId leader = world_.leader();
      uint32_t node = leader.is_server() && leader.number() <= count && rng.chance(one_half)
                          ? leader.number()
                          : static_cast<uint32_t>(rng.uniform(1, count));
      reachability = Reachability::isolate(count, node);
      targets = node_name(node);
      break;
    }
    case Shape::split: {
      auto [side, rest] = choose(rng, servers_except(count, 0), minority);
      reachability = Reachability::split(count, side);
      targets = node_list(side);
      break;
    }
    case Shape::bridge: {
      auto bridge = static_cast<uint32_t>(rng.uniform(1, count));
      auto [half_a, half_b] = choose(rng, servers_except(count, bridge), (count - 1) / 2);
      reachability = Reachability::bridge(count, bridge, half_a, half_b);
      targets = node_name(bridge) + ":" + node_list(half_a) + "|" + node_list(half_b);
      break;
    }
    case Shape::ring:
      reachability = Reachability::ring(count);
      targets = "all";
      break;
    case Shape::one_way: {
      auto size = static_cast<size_t>(rng.uniform(1, minority));
      auto [from, to] = choose(rng, servers_except(count, 0), size);
      reachability = Reachability::one_way(count, from, to);
      targets = node_list(from) + "->" + node_list(to);
      break;
    }
  }
  if (!within_budget(FaultKind::partition, Change{.reachability = &reachability}, targets)) {
    return;
  }
  Duration duration = draw_duration(rng);
  ++counters_.injected[index_of(FaultKind::partition)];
  TraceEvent event{
      "nemesis",
      "partition",
      {{"shape", shape_name(shape)}, {"targets", targets}, {"duration_ns", duration.ns}}};
  world_.record(event);
  world_.set_reachability(reachability, std::string(shape_name(shape)) + " " + targets);
  own_partition_ = reachability;
  if (heal_event_) {
    simulator_.cancel(*heal_event_);
  }
  heal_event_ =
      simulator_.schedule_callback_at(simulator_.now() + duration, [this] { end_partition(); });
}

void Nemesis::inject_clog(Rng& rng) {
  if (server_count_ < 2) {
    skip(FaultKind::clog, "no_target", "-");
    return;
  }
  ActiveClog clog;
  std::string_view shape;
  auto node = static_cast<uint32_t>(rng.uniform(1, server_count_));
  switch (rng.index(3)) {
    case 0: {
      shape = "pair";
      std::vector<uint32_t> others = servers_except(server_count_, node);
      clog.from = {node};
      clog.to = {others[rng.index(others.size())]};
      break;
    }
    case 1:
      shape = "inbound";
      clog.from = servers_except(server_count_, node);
      clog.to = {node};
      break;
    default:
      shape = "outbound";
      clog.from = {node};
      clog.to = servers_except(server_count_, node);
      break;
  }
  std::string from = node_list(clog.from);
  std::string to = node_list(clog.to);
  if (!within_budget(FaultKind::clog, Change{.clog = &clog}, from + "->" + to)) {
    return;
  }
  Duration duration = draw_duration(rng);
  clog.until = simulator_.now() + duration;
  ++counters_.injected[index_of(FaultKind::clog)];
  TraceEvent event{"nemesis",
                   "clog",
                   {{"shape", shape}, {"from", from}, {"to", to}, {"duration_ns", duration.ns}}};
  world_.record(event);
  world_.clog(to_ids(clog.from), to_ids(clog.to), clog.until);
  clogs_.push_back(std::move(clog));
}

void Nemesis::inject_clock_jump(Rng& rng) {
  auto number = static_cast<uint32_t>(rng.uniform(1, server_count_));
  // Uniform over the 2*max nonzero values: a magnitude, then a sign.
  Duration magnitude{rng.uniform_signed(1, config_.clock_jump_max.ns)};
  Duration by = rng.chance(one_half) ? Duration{0} - magnitude : magnitude;
  if (!within_budget(FaultKind::clock_jump, Change{.unhealthy = number}, node_name(number))) {
    return;
  }
  ++counters_.injected[index_of(FaultKind::clock_jump)];
  TraceEvent event{"nemesis", "clock_jump", {{"by_ns", by.ns}}};
  world_.record(event.with_node(server(number)));
  world_.clock_jump(server(number), by);
  clock_skewed_until_[number] = std::max(clock_skewed_until_[number], simulator_.now() + magnitude);
}

void Nemesis::inject_damage(FaultKind kind, Rng& rng) {
  // A damaged server stays damaged: damaging it again would change nothing but the counts.
  std::vector<uint32_t> candidates;
  for (uint32_t number = 1; number <= server_count_; ++number) {
    if (!damaged_[number]) {
      candidates.push_back(number);
    }
  }
  if (candidates.empty()) {
    skip(kind, "no_target", "-");
    return;
  }
  uint32_t number = candidates[rng.index(candidates.size())];
  if (!within_budget(kind, Change{.unhealthy = number}, node_name(number))) {
    return;
  }
  ++counters_.injected[index_of(kind)];
  damaged_[number] = true;
  if (kind == FaultKind::corrupt) {
    TraceEvent event{"nemesis", "corrupt", {{"records", int64_t{1}}}};
    world_.record(event.with_node(server(number)));
    world_.corrupt(server(number), 1);
  } else {
    TraceEvent event{"nemesis", "wipe"};
    world_.record(event.with_node(server(number)));
    world_.wipe(server(number));
  }
}

void Nemesis::inject_disk_full(Rng& rng) {
  std::vector<uint32_t> candidates;
  for (uint32_t number = 1; number <= server_count_; ++number) {
    if (world_.is_up(server(number)) && !disk_full_[number]) {
      candidates.push_back(number);
    }
  }
  if (candidates.empty()) {
    skip(FaultKind::disk_full, "no_target", "-");
    return;
  }
  uint32_t number = candidates[rng.index(candidates.size())];
  if (!within_budget(FaultKind::disk_full, Change{.unhealthy = number}, node_name(number))) {
    return;
  }
  Duration duration = draw_duration(rng);
  ++counters_.injected[index_of(FaultKind::disk_full)];
  TraceEvent event{"nemesis", "disk_full", {{"duration_ns", duration.ns}}};
  world_.record(event.with_node(server(number)));
  world_.set_disk_full(server(number), true);
  disk_full_[number] = true;
  disk_full_end_event_[number] = simulator_.schedule_callback_at(
      simulator_.now() + duration, [this, number] { end_disk_full(number); });
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
  ++counters_.skipped_budget[index_of(kind)];
  TraceEvent event{"nemesis",
                   "skip",
                   {{"action", fault_kind_name(kind)},
                    {"reason", "budget"},
                    {"target", target},
                    {"faulty", int64_t{faulty}}}};
  world_.record(event);
  return false;
}

void Nemesis::skip(FaultKind kind, std::string_view reason, std::string_view target) {
  ++counters_.skipped_other[index_of(kind)];
  TraceEvent event{"nemesis",
                   "skip",
                   {{"action", fault_kind_name(kind)}, {"reason", reason}, {"target", target}}};
  world_.record(event);
}

}  // namespace faultline
