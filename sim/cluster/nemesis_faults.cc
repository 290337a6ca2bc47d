// File: nemesis_faults.cc
// The nemesis's faults, per kind (nemesis.h): random mode draws a target and shape and checks the
// budget; scripted mode checks a timeline entry's precondition; both then act through one
// apply_* function per kind, which records the decision, traces it, acts on the world and
// schedules the undo. One path for both modes is what makes a replayed timeline trace the same.
#include <algorithm>
#include <utility>

#include "sim/base/check.h"
#include "sim/cluster/nemesis.h"
#include "sim/cluster/nemesis_helpers.h"

namespace faultline {
namespace {

using nemesis_detail::index_of;
using nemesis_detail::node_name;
using nemesis_detail::one_half;
using nemesis_detail::server;

// "n1,n3": a sorted list of server numbers.
std::string node_list(const std::vector<uint32_t>& numbers) {
  std::string text;
  for (uint32_t number : numbers) {
    text += (text.empty() ? "" : ",") + node_name(number);
  }
  return text;
}

// An injection of `kind` on server `node` (0: none), its other fields to be filled in.
NemesisDecision decision_for(FaultKind kind, uint32_t node) {
  NemesisDecision decision;
  decision.kind = kind;
  decision.node = node;
  return decision;
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

}  // namespace

Nemesis::PartitionPlan Nemesis::plan_partition(const NemesisDecision& decision) const {
  const uint32_t count = server_count_;
  switch (decision.partition_shape) {
    case PartitionShape::isolate:
      return {Reachability::isolate(count, decision.node), node_name(decision.node)};
    case PartitionShape::split:
      return {Reachability::split(count, decision.from), node_list(decision.from)};
    case PartitionShape::bridge:
      return {
          Reachability::bridge(count, decision.node, decision.from, decision.to),
          node_name(decision.node) + ":" + node_list(decision.from) + "|" + node_list(decision.to)};
    case PartitionShape::ring:
      return {Reachability::ring(count), "all"};
    case PartitionShape::one_way:
      return {Reachability::one_way(count, decision.from, decision.to),
              node_list(decision.from) + "->" + node_list(decision.to)};
  }
  FL_CHECK(false, "unknown partition shape {}", static_cast<int>(decision.partition_shape));
  return {Reachability(count), ""};
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

void Nemesis::replay(const NemesisDecision& entry) {
  FaultKind kind = entry.kind;
  if (entry.skipped) {
    if (entry.reason == "budget") {
      skip_for_budget(kind, entry.target, entry.faulty.value_or(0));
    } else {
      skip(kind, entry.reason, entry.target);
    }
    return;
  }
  switch (kind) {
    case FaultKind::crash:
    case FaultKind::torn_crash:
      if (!world_.is_up(server(entry.node))) {
        skip(kind, "already_down", node_name(entry.node));
        return;
      }
      apply_crash(kind, entry.node, entry.duration);
      return;
    case FaultKind::partition:
      if (partition_blocked()) {
        skip(kind, "partitioned", "-");
        return;
      }
      apply_partition(entry, plan_partition(entry));
      return;
    case FaultKind::clog:
      apply_clog(entry);
      return;
    case FaultKind::clock_jump:
      apply_clock_jump(entry.node, entry.by);
      return;
    case FaultKind::corrupt:
    case FaultKind::wipe:
      if (damaged_[entry.node]) {
        skip(kind, "already_damaged", node_name(entry.node));
        return;
      }
      apply_damage(kind, entry.node);
      return;
    case FaultKind::disk_full:
      if (!world_.is_up(server(entry.node)) || disk_full_[entry.node]) {
        skip(kind, disk_full_[entry.node] ? "already_full" : "already_down", node_name(entry.node));
        return;
      }
      apply_disk_full(entry.node, entry.duration);
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
  apply_crash(kind, number, draw_duration(rng));
}

void Nemesis::apply_crash(FaultKind kind, uint32_t number, Duration duration) {
  ++counters_.injected[index_of(kind)];
  NemesisDecision decision = decision_for(kind, number);
  decision.duration = duration;
  record_decision(std::move(decision));
  TraceEvent event{"nemesis", fault_kind_name(kind), {{"duration_ns", duration.ns}}};
  world_.record(event.with_node(server(number)));
  world_.crash(server(number), kind == FaultKind::torn_crash);
  if (restart_event_[number]) {
    simulator_.cancel(*restart_event_[number]);
  }
  restart_event_[number] = simulator_.schedule_callback_at(simulator_.now() + duration,
                                                           [this, number] { end_crash(number); });
}

bool Nemesis::partition_blocked() const {
  const Reachability& current = world_.reachability();
  return !current.is_full() && !(own_partition_ && current == *own_partition_);
}

void Nemesis::inject_partition(Rng& rng) {
  const uint32_t count = server_count_;
  const uint32_t minority = default_max_faulty(count);
  std::vector<PartitionShape> shapes;
  if (count >= 2) {
    shapes.push_back(PartitionShape::isolate);
  }
  if (minority >= 1) {
    shapes.insert(shapes.end(), {PartitionShape::split, PartitionShape::bridge});
  }
  if (count >= 4) {
    shapes.push_back(PartitionShape::ring);
  }
  if (minority >= 1) {
    shapes.push_back(PartitionShape::one_way);
  }
  if (shapes.empty()) {
    skip(FaultKind::partition, "no_target", "-");
    return;
  }
  if (partition_blocked()) {
    skip(FaultKind::partition, "partitioned", "-");
    return;
  }
  NemesisDecision decision = decision_for(FaultKind::partition, 0);
  decision.partition_shape = shapes[rng.index(shapes.size())];
  switch (decision.partition_shape) {
    case PartitionShape::isolate: {
      NodeId leader = world_.leader();
      decision.node = leader.is_server() && leader.number() <= count && rng.chance(one_half)
                          ? leader.number()
                          : static_cast<uint32_t>(rng.uniform(1, count));
      break;
    }
    case PartitionShape::split:
      decision.from = choose(rng, servers_except(count, 0), minority).first;
      break;
    case PartitionShape::bridge: {
      decision.node = static_cast<uint32_t>(rng.uniform(1, count));
      auto halves = choose(rng, servers_except(count, decision.node), (count - 1) / 2);
      decision.from = std::move(halves.first);
      decision.to = std::move(halves.second);
      break;
    }
    case PartitionShape::ring:
      break;
    case PartitionShape::one_way: {
      auto size = static_cast<size_t>(rng.uniform(1, minority));
      auto sides = choose(rng, servers_except(count, 0), size);
      decision.from = std::move(sides.first);
      decision.to = std::move(sides.second);
      break;
    }
  }
  PartitionPlan plan = plan_partition(decision);
  if (!within_budget(FaultKind::partition, Change{.reachability = &plan.reachability},
                     plan.targets)) {
    return;
  }
  decision.duration = draw_duration(rng);
  apply_partition(decision, plan);
}

void Nemesis::apply_partition(const NemesisDecision& decision, const PartitionPlan& plan) {
  ++counters_.injected[index_of(FaultKind::partition)];
  record_decision(decision);
  std::string_view shape = partition_shape_name(decision.partition_shape);
  TraceEvent event{
      "nemesis",
      "partition",
      {{"shape", shape}, {"targets", plan.targets}, {"duration_ns", decision.duration.ns}}};
  world_.record(event);
  world_.set_reachability(plan.reachability, std::string(shape) + " " + plan.targets);
  own_partition_ = plan.reachability;
  if (heal_event_) {
    simulator_.cancel(*heal_event_);
  }
  heal_event_ = simulator_.schedule_callback_at(simulator_.now() + decision.duration,
                                                [this] { end_partition(); });
}

void Nemesis::inject_clog(Rng& rng) {
  if (server_count_ < 2) {
    skip(FaultKind::clog, "no_target", "-");
    return;
  }
  NemesisDecision decision = decision_for(FaultKind::clog, 0);
  auto node = static_cast<uint32_t>(rng.uniform(1, server_count_));
  switch (rng.index(3)) {
    case 0: {
      decision.clog_shape = ClogShape::pair;
      std::vector<uint32_t> others = servers_except(server_count_, node);
      decision.from = {node};
      decision.to = {others[rng.index(others.size())]};
      break;
    }
    case 1:
      decision.clog_shape = ClogShape::inbound;
      decision.from = servers_except(server_count_, node);
      decision.to = {node};
      break;
    default:
      decision.clog_shape = ClogShape::outbound;
      decision.from = {node};
      decision.to = servers_except(server_count_, node);
      break;
  }
  ActiveClog clog{decision.from, decision.to, Time::zero()};
  if (!within_budget(FaultKind::clog, Change{.clog = &clog},
                     node_list(decision.from) + "->" + node_list(decision.to))) {
    return;
  }
  decision.duration = draw_duration(rng);
  apply_clog(decision);
}

void Nemesis::apply_clog(const NemesisDecision& decision) {
  ActiveClog clog{decision.from, decision.to, simulator_.now() + decision.duration};
  ++counters_.injected[index_of(FaultKind::clog)];
  record_decision(decision);
  std::string from = node_list(clog.from);
  std::string to = node_list(clog.to);
  TraceEvent event{"nemesis",
                   "clog",
                   {{"shape", clog_shape_name(decision.clog_shape)},
                    {"from", from},
                    {"to", to},
                    {"duration_ns", decision.duration.ns}}};
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
  apply_clock_jump(number, by);
}

void Nemesis::apply_clock_jump(uint32_t number, Duration by) {
  ++counters_.injected[index_of(FaultKind::clock_jump)];
  NemesisDecision decision = decision_for(FaultKind::clock_jump, number);
  decision.by = by;
  record_decision(std::move(decision));
  TraceEvent event{"nemesis", "clock_jump", {{"by_ns", by.ns}}};
  world_.record(event.with_node(server(number)));
  world_.clock_jump(server(number), by);
  Duration magnitude{by.ns < 0 ? -by.ns : by.ns};
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
  apply_damage(kind, number);
}

void Nemesis::apply_damage(FaultKind kind, uint32_t number) {
  ++counters_.injected[index_of(kind)];
  record_decision(decision_for(kind, number));
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
  apply_disk_full(number, draw_duration(rng));
}

void Nemesis::apply_disk_full(uint32_t number, Duration duration) {
  ++counters_.injected[index_of(FaultKind::disk_full)];
  NemesisDecision decision = decision_for(FaultKind::disk_full, number);
  decision.duration = duration;
  record_decision(std::move(decision));
  TraceEvent event{"nemesis", "disk_full", {{"duration_ns", duration.ns}}};
  world_.record(event.with_node(server(number)));
  world_.set_disk_full(server(number), true);
  disk_full_[number] = true;
  disk_full_end_event_[number] = simulator_.schedule_callback_at(
      simulator_.now() + duration, [this, number] { end_disk_full(number); });
}

}  // namespace faultline
