// File: runner.cc
// One run: scenario + seed -> cluster, phases, faults, checks -> RunReport.
#include "sim/runner/runner.h"

#include <algorithm>
#include <memory>

#include "sim/base/check.h"
#include "sim/base/check_catalog.h"
#include "sim/base/rng.h"
#include "sim/base/trace.h"
#include "sim/check/checker_set.h"
#include "sim/cluster/cluster.h"
#include "sim/cluster/nemesis.h"
#include "sim/engine/simulator.h"
#include "sim/runner/protocol_factory.h"
#include "sim/runner/scenario_mapping.h"

namespace faultline {
namespace {

// Resolves a fault's targets to servers at the moment it fires ("leader" is whoever leads now).
// Returns false when a target cannot be resolved (no leader), in which case the fault is skipped.
bool resolve_targets(const std::vector<NodeTarget>& targets, const Cluster& cluster,
                     std::vector<NodeId>& out) {
  for (const NodeTarget& target : targets) {
    switch (target.kind) {
      case NodeTarget::Kind::node:
        out.push_back(NodeId::server(target.node));
        break;
      case NodeTarget::Kind::leader: {
        NodeId leader = cluster.leader();
        if (leader.is_none()) {
          return false;
        }
        out.push_back(leader);
        break;
      }
      case NodeTarget::Kind::all:
        for (uint32_t number = 1; number <= cluster.server_count(); ++number) {
          out.push_back(NodeId::server(number));
        }
        break;
      case NodeTarget::Kind::rest:
        break;  // only meaningful inside a partition; handled there
    }
  }
  return true;
}

std::string_view fault_action_name(FaultSpec::Kind kind) {
  switch (kind) {
    case FaultSpec::Kind::partition:
      return "partition";
    case FaultSpec::Kind::heal:
      return "heal";
    case FaultSpec::Kind::crash:
      return "crash";
    case FaultSpec::Kind::restart:
      return "restart";
    case FaultSpec::Kind::clog:
      return "clog";
    case FaultSpec::Kind::clock_jump:
      return "clock_jump";
    case FaultSpec::Kind::wipe:
      return "wipe";
    case FaultSpec::Kind::corrupt:
      return "corrupt";
    case FaultSpec::Kind::disk_full:
      return "disk_full";
  }
  return "?";
}

// The nemesis acts on the world through this narrow view of the Cluster.
class ClusterWorld final : public NemesisWorld {
 public:
  ClusterWorld(Cluster& cluster, Simulator& simulator) : cluster_(cluster), simulator_(simulator) {}
  uint32_t server_count() const override { return cluster_.server_count(); }
  bool is_up(NodeId node) const override { return cluster_.is_up(node); }
  NodeId leader() const override { return cluster_.leader(); }
  const Reachability& reachability() const override { return cluster_.network().reachability(); }
  Time now() const override { return simulator_.now(); }
  void crash(NodeId node, bool tear) override { cluster_.crash(node, tear); }
  void restart(NodeId node) override { cluster_.restart(node); }
  void set_reachability(const Reachability& reachability, std::string description) override {
    cluster_.set_reachability(reachability, std::move(description));
  }
  void heal_network() override { cluster_.heal(); }
  void clog(std::vector<NodeId> from, std::vector<NodeId> to, Time until) override {
    cluster_.clog(std::move(from), std::move(to), until);
  }
  void clock_jump(NodeId node, Duration by) override { cluster_.clock_jump(node, by); }
  void corrupt(NodeId node, uint32_t records) override { cluster_.corrupt(node, records); }
  void wipe(NodeId node) override { cluster_.wipe(node); }
  void set_disk_full(NodeId node, bool full) override { cluster_.set_disk_full(node, full); }
  void record(TraceEvent& event) override { cluster_.record(event); }

 private:
  Cluster& cluster_;
  Simulator& simulator_;
};

class ScenarioRun {
 public:
  ScenarioRun(const Scenario& scenario, uint64_t seed, const RunOptions& options);
  RunReport run();

 private:
  void apply_fault(const FaultSpec& fault);
  void apply_partition(const FaultSpec& fault);
  void apply_partition_shape(const FaultSpec& fault);
  void apply_per_node(const FaultSpec& fault);
  // Draws `count` distinct servers out of `candidates` (in increasing order) from `rng`.
  static std::vector<uint32_t> draw_servers(std::vector<uint32_t> candidates, size_t count,
                                            Rng& rng);
  // Resolves targets to distinct servers in increasing order; false (and the fault skipped) when
  // `leader` is unknown. resolve_numbers gives the same as server numbers.
  bool resolve_servers(const FaultSpec& fault, std::string_view action,
                       const std::vector<NodeTarget>& targets, std::vector<NodeId>& out);
  bool resolve_numbers(const FaultSpec& fault, std::string_view action,
                       const std::vector<NodeTarget>& targets, std::vector<uint32_t>& out);
  // A fault that cannot act (no leader to aim at, node already down, ...): traced as
  // nemesis.skip and listed in the phase report, so that a pass is not mistaken for a tested fault.
  void skip(const FaultSpec& fault, std::string_view action, std::string_view reason, NodeId node);
  void heal_everything();
  PhaseReport summarize(const PhaseSpec& phase, Time start, Time end, uint64_t events_before,
                        const ClusterCounters& counters_before, uint64_t elections_before,
                        int64_t commits_before, PhaseReport report);
  void schedule_phase(const PhaseSpec& phase, size_t index, Time start);
  // Ends the phase's nemesis (undoing its temporary faults) and keeps what it damaged.
  void stop_nemesis(PhaseReport& report);
  bool finish(Simulator::RunResult result, RunReport& report);

  const Scenario& scenario_;
  uint64_t seed_;
  RngStreams streams_;
  Simulator simulator_;
  TraceSink trace_;
  std::unique_ptr<CheckerSet> checkers_;
  std::unique_ptr<Cluster> cluster_;
  std::unique_ptr<ClusterWorld> world_;
  std::unique_ptr<Nemesis> nemesis_;  // the current phase's, if it has a nemesis block
  CheckContext check_context_;
  uint32_t phase_index_ = 0;                 // the current phase's
  uint64_t faults_applied_ = 0;              // in the current phase
  std::vector<std::string> skipped_faults_;  // in the current phase
  // Servers whose disk a wipe or corrupt damaged (scripted or random): permanent, so every later
  // nemesis counts them against its budget. Index: server number.
  std::vector<bool> damaged_;
};

ScenarioRun::ScenarioRun(const Scenario& scenario, uint64_t seed, const RunOptions& options)
    : scenario_(scenario), seed_(seed), streams_(seed) {
  trace_.set_stream(options.trace_stream);
  std::vector<std::string> checks = scenario.checks;
  if (checks.empty()) {
    for (std::string_view check : default_checks(scenario.cluster.protocol)) {
      checks.emplace_back(check);
    }
  }
  Result<std::unique_ptr<CheckerSet>> checkers = CheckerSet::make(checks, scenario.cluster.nodes);
  FL_CHECK(checkers.ok(), "scenario checks were validated by the parser: {}",
           checkers.ok() ? "" : checkers.error().to_string());
  checkers_ = std::move(checkers.value());
  checkers_->set_on_violation([this] { simulator_.stop(); });
  trace_.add_observer(checkers_.get());
  cluster_ = std::make_unique<Cluster>(cluster_config_from(scenario), protocol_factory(scenario),
                                       streams_, simulator_, trace_);
  check_context_.seed = seed;
  check_context_.now_ns = simulator_.now_ns_address();
  check_context_.node_id = cluster_->executing_node_address();
  world_ = std::make_unique<ClusterWorld>(*cluster_, simulator_);
  damaged_.assign(cluster_->server_count() + 1, false);
}

void ScenarioRun::heal_everything() {
  cluster_->heal();
  for (uint32_t number = 1; number <= cluster_->server_count(); ++number) {
    if (!cluster_->is_up(NodeId::server(number))) {
      cluster_->restart(NodeId::server(number));
    }
  }
}

void ScenarioRun::skip(const FaultSpec& fault, std::string_view action, std::string_view reason,
                       NodeId node) {
  std::string node_name = node.name();
  // The fault is named by its position in the phase's list, not by its line: the trace (and its
  // hash) must survive an edit that moves lines, such as --emit-scenario rewriting the file.
  TraceEvent event{"nemesis",
                   "skip",
                   {{"action", action},
                    {"reason", reason},
                    {"target", node_name},
                    {"fault", int64_t{fault.index}}}};
  cluster_->record(event);
  skipped_faults_.push_back(fmt::format("line {}: {}{}{} at {}s: {}", fault.line, action,
                                        node.is_none() ? "" : " ", node.is_none() ? "" : node_name,
                                        format_time(simulator_.now()), reason));
}

void ScenarioRun::apply_partition(const FaultSpec& fault) {
  std::vector<std::vector<NodeId>> groups;
  std::vector<bool> named(cluster_->server_count() + 1, false);
  int rest_group = -1;
  for (const auto& group_targets : fault.groups) {
    bool is_rest = group_targets.size() == 1 && group_targets[0].kind == NodeTarget::Kind::rest;
    std::vector<NodeId> group;
    if (is_rest) {
      rest_group = static_cast<int>(groups.size());
    } else if (!resolve_targets(group_targets, *cluster_, group)) {
      skip(fault, "partition", "no_leader", NodeId::none());
      return;
    }
    // "leader" may resolve to a node the fault also names: the same group keeps it once, two
    // groups cannot both hold it, so that fault is skipped (and traced).
    std::vector<NodeId> unique_group;
    for (NodeId node : group) {
      if (std::find(unique_group.begin(), unique_group.end(), node) != unique_group.end()) {
        continue;
      }
      if (named[node.number()]) {
        skip(fault, "partition", "node_in_two_groups", node);
        return;
      }
      named[node.number()] = true;
      unique_group.push_back(node);
    }
    groups.push_back(std::move(unique_group));
  }
  if (rest_group >= 0) {
    for (uint32_t number = 1; number <= cluster_->server_count(); ++number) {
      if (!named[number]) {
        groups[rest_group].push_back(NodeId::server(number));
      }
    }
  }
  cluster_->partition(groups);
  ++faults_applied_;
}

std::vector<uint32_t> ScenarioRun::draw_servers(std::vector<uint32_t> candidates, size_t count,
                                                Rng& rng) {
  std::vector<uint32_t> chosen;
  while (chosen.size() < count && !candidates.empty()) {
    size_t index = rng.index(candidates.size());
    chosen.push_back(candidates[index]);
    candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(index));
  }
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

bool ScenarioRun::resolve_servers(const FaultSpec& fault, std::string_view action,
                                  const std::vector<NodeTarget>& targets,
                                  std::vector<NodeId>& out) {
  if (!resolve_targets(targets, *cluster_, out)) {
    skip(fault, action, "no_leader", NodeId::none());
    return false;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return true;
}

bool ScenarioRun::resolve_numbers(const FaultSpec& fault, std::string_view action,
                                  const std::vector<NodeTarget>& targets,
                                  std::vector<uint32_t>& out) {
  std::vector<NodeId> nodes;
  if (!resolve_servers(fault, action, targets, nodes)) {
    return false;
  }
  for (NodeId node : nodes) {
    out.push_back(node.number());
  }
  return true;
}

void ScenarioRun::apply_partition_shape(const FaultSpec& fault) {
  uint32_t count = cluster_->server_count();
  // Random choices of a scripted shape come from the fault's own stream, keyed by (phase, position
  // in the phase's list), so that editing one fault does not move another's draws and moving
  // lines moves nothing.
  Rng rng = streams_.derive("fault", (uint64_t{phase_index_} << 32) | fault.index);
  std::vector<uint32_t> all;
  for (uint32_t number = 1; number <= count; ++number) {
    all.push_back(number);
  }
  auto others = [&](const std::vector<uint32_t>& excluded) {
    std::vector<uint32_t> rest;
    for (uint32_t number : all) {
      if (std::find(excluded.begin(), excluded.end(), number) == excluded.end()) {
        rest.push_back(number);
      }
    }
    return rest;
  };
  Reachability reachability(count);
  std::string shape;
  switch (fault.shape) {
    case FaultSpec::Shape::groups:
      apply_partition(fault);
      return;
    case FaultSpec::Shape::isolate: {
      std::vector<uint32_t> node;
      if (!fault.targets.empty() && !resolve_numbers(fault, "partition", fault.targets, node)) {
        return;
      }
      if (node.empty()) {
        node = draw_servers(all, 1, rng);
      }
      reachability = Reachability::isolate(count, node[0]);
      shape = fmt::format("isolate n{}", node[0]);
      break;
    }
    case FaultSpec::Shape::split: {
      std::vector<uint32_t> minority;
      if (!fault.targets.empty() && !resolve_numbers(fault, "partition", fault.targets, minority)) {
        return;
      }
      if (minority.empty()) {
        minority = draw_servers(all, (count - 1) / 2, rng);
      }
      reachability = Reachability::split(count, minority);
      shape = "split";
      break;
    }
    case FaultSpec::Shape::bridge: {
      std::vector<uint32_t> bridge;
      if (!fault.targets.empty() && !resolve_numbers(fault, "partition", fault.targets, bridge)) {
        return;
      }
      if (bridge.empty()) {
        bridge = draw_servers(all, 1, rng);
      }
      std::vector<uint32_t> rest = others(bridge);
      std::vector<uint32_t> half_a = draw_servers(rest, rest.size() / 2, rng);
      std::vector<uint32_t> not_b = half_a;
      not_b.push_back(bridge[0]);
      reachability = Reachability::bridge(count, bridge[0], half_a, others(not_b));
      shape = fmt::format("bridge n{}", bridge[0]);
      break;
    }
    case FaultSpec::Shape::ring:
      reachability = Reachability::ring(count);
      shape = "ring";
      break;
    case FaultSpec::Shape::one_way: {
      std::vector<uint32_t> from;
      std::vector<uint32_t> to;
      bool to_rest = fault.to.size() == 1 && fault.to[0].kind == NodeTarget::Kind::rest;
      if (!resolve_numbers(fault, "partition", fault.from, from) ||
          (!to_rest && !resolve_numbers(fault, "partition", fault.to, to))) {
        return;
      }
      if (to_rest) {
        to = others(from);
      }
      for (uint32_t number : from) {
        if (std::find(to.begin(), to.end(), number) != to.end()) {
          skip(fault, "partition", "node_in_two_groups", NodeId::server(number));
          return;
        }
      }
      reachability = Reachability::one_way(count, from, to);
      shape = "one_way";
      break;
    }
  }
  cluster_->set_reachability(reachability, shape + " " + reachability.describe());
  ++faults_applied_;
}

void ScenarioRun::apply_per_node(const FaultSpec& fault) {
  std::string_view action = fault_action_name(fault.kind);
  std::vector<uint32_t> numbers;
  if (!resolve_numbers(fault, action, fault.targets, numbers)) {
    return;
  }
  for (uint32_t number : numbers) {
    NodeId node = NodeId::server(number);
    switch (fault.kind) {
      case FaultSpec::Kind::clock_jump:
        cluster_->clock_jump(node, fault.by);
        break;
      case FaultSpec::Kind::wipe:
        cluster_->wipe(node);
        damaged_[number] = true;
        break;
      case FaultSpec::Kind::corrupt:
        cluster_->corrupt(node, fault.records);
        damaged_[number] = true;
        break;
      case FaultSpec::Kind::disk_full:
        cluster_->set_disk_full(node, true);
        simulator_.schedule_callback_at(simulator_.now() + fault.duration,
                                        [this, node] { cluster_->set_disk_full(node, false); });
        break;
      default:
        FL_CHECK(false, "not a per-node fault: {}", action);
    }
  }
  ++faults_applied_;
}

void ScenarioRun::apply_fault(const FaultSpec& fault) {
  switch (fault.kind) {
    case FaultSpec::Kind::partition:
      apply_partition_shape(fault);
      return;
    case FaultSpec::Kind::clog: {
      std::vector<NodeId> from;
      std::vector<NodeId> to;
      if (!resolve_servers(fault, "clog", fault.from, from) ||
          !resolve_servers(fault, "clog", fault.to, to)) {
        return;
      }
      cluster_->clog(std::move(from), std::move(to), simulator_.now() + fault.duration);
      ++faults_applied_;
      return;
    }
    case FaultSpec::Kind::clock_jump:
    case FaultSpec::Kind::wipe:
    case FaultSpec::Kind::corrupt:
    case FaultSpec::Kind::disk_full:
      apply_per_node(fault);
      return;
    case FaultSpec::Kind::heal:
      cluster_->heal();
      ++faults_applied_;
      return;
    case FaultSpec::Kind::crash:
    case FaultSpec::Kind::restart: {
      bool is_crash = fault.kind == FaultSpec::Kind::crash;
      std::vector<NodeId> targets;
      std::string_view action = is_crash ? "crash" : "restart";
      if (!resolve_targets(fault.targets, *cluster_, targets)) {
        skip(fault, action, "no_leader", NodeId::none());
        return;
      }
      bool is_restart_all =
          fault.targets.size() == 1 && fault.targets[0].kind == NodeTarget::Kind::all;
      bool acted = false;
      for (NodeId node : targets) {
        bool is_up = cluster_->is_up(node);
        if (is_crash && is_up) {
          cluster_->crash(node);
          acted = true;
        } else if (!is_crash && !is_up) {
          cluster_->restart(node);
          acted = true;
        } else if (!is_restart_all) {
          skip(fault, action, is_up ? "already_up" : "already_down", node);
        }
      }
      // "restart: all" with nothing down is a no-op by design, not a skipped fault.
      if (acted || is_restart_all) {
        ++faults_applied_;
      }
      return;
    }
  }
}

void ScenarioRun::stop_nemesis(PhaseReport& report) {
  if (!nemesis_) {
    return;
  }
  nemesis_->stop();
  for (uint32_t number = 1; number <= cluster_->server_count(); ++number) {
    if (nemesis_->is_damaged(NodeId::server(number))) {
      damaged_[number] = true;
    }
  }
  report.nemesis_injected = nemesis_->counters().injected_total();
  report.nemesis_skipped = nemesis_->counters().skipped_budget_total();
  report.has_nemesis = true;
  report.nemesis_decisions = nemesis_->decisions();
  nemesis_.reset();
}

void ScenarioRun::schedule_phase(const PhaseSpec& phase, size_t index, Time start) {
  FL_CHECK(index <= UINT32_MAX, "phase index {}", index);
  phase_index_ = static_cast<uint32_t>(index);
  for (const FaultSpec& fault : phase.faults) {
    simulator_.schedule_callback_at(start + fault.at, [this, &fault] { apply_fault(fault); });
  }
  if (phase.nemesis && phase.nemesis->timeline) {
    nemesis_ = std::make_unique<Nemesis>(*phase.nemesis->timeline, simulator_, *world_);
  } else if (phase.nemesis) {
    nemesis_ = std::make_unique<Nemesis>(nemesis_config_from(*phase.nemesis),
                                         streams_.derive("nemesis", index), simulator_, *world_);
  }
  if (nemesis_) {
    for (uint32_t number = 1; number <= cluster_->server_count(); ++number) {
      if (damaged_[number]) {
        nemesis_->note_damaged(NodeId::server(number));
      }
    }
    nemesis_->start(start, start + phase.duration);
  }
  if (!phase.is_liveness_phase()) {
    return;
  }
  // A liveness phase starts from a healed cluster (STYLE.md 8): connect all, restart all.
  heal_everything();
  if (phase.converge_within) {
    // replication.convergence learns its deadline from the trace (checkers see only events).
    cluster_->record(
        TraceEvent{"phase", "expect", {{"converge_within", phase.converge_within->ns}}});
  }
  std::optional<uint32_t> max_leader_changes;
  if (phase.max_leader_changes) {
    max_leader_changes = static_cast<uint32_t>(*phase.max_leader_changes);
  }
  checkers_->liveness().arm(start, phase.leader_within, phase.commits_resume_within,
                            max_leader_changes);
  for (const auto& within : {phase.leader_within, phase.commits_resume_within}) {
    if (within) {
      // Wake up just after the deadline so a silent cluster still fails on time.
      simulator_.schedule_callback_at(start + *within + Duration{1},
                                      [this] { checkers_->advance_to(simulator_.now()); });
    }
  }
}

PhaseReport ScenarioRun::summarize(const PhaseSpec& phase, Time start, Time end,
                                   uint64_t events_before, const ClusterCounters& before,
                                   uint64_t elections_before, int64_t commits_before,
                                   PhaseReport report) {
  const ClusterCounters& after = cluster_->counters();
  report.name = phase.name;
  report.start = start;
  report.end = end;
  report.events = simulator_.events_processed() - events_before;
  report.messages_sent = after.messages_sent - before.messages_sent;
  report.messages_delivered = after.messages_delivered - before.messages_delivered;
  report.messages_dropped = after.dropped() - before.dropped();
  report.elections = cluster_->roles().elections_won() - elections_before;
  report.commits = cluster_->roles().highest_commit_index() - commits_before;
  std::vector<int64_t> latencies;
  for (const HistoryOperation& operation : cluster_->history()) {
    if (operation.outcome == HistoryOperation::Outcome::pending || operation.completed_at < start ||
        operation.completed_at >= end) {
      continue;
    }
    if (operation.outcome == HistoryOperation::Outcome::ok) {
      ++report.operations_ok;
      latencies.push_back((operation.completed_at - operation.invoked_at).ns);
    } else {
      ++report.operations_failed;
    }
  }
  std::sort(latencies.begin(), latencies.end());
  auto percentile = [&](uint64_t per_mille) {
    if (latencies.empty()) {
      return Duration{0};
    }
    // Nearest rank: the smallest value with at least per_mille/1000 of the values at or below it.
    size_t rank = (latencies.size() * per_mille + 999) / 1000;
    return Duration{latencies[std::max<size_t>(rank, 1) - 1]};
  };
  report.latency_p50 = percentile(500);
  report.latency_p99 = percentile(990);
  const std::pair<std::string_view, uint64_t ClusterCounters::*> effect_counters[] = {
      {"dropped_loss", &ClusterCounters::dropped_loss},
      {"dropped_partition", &ClusterCounters::dropped_partition},
      {"dropped_crashed", &ClusterCounters::dropped_crashed},
      {"dropped_queue_full", &ClusterCounters::dropped_queue_full},
      {"duplicated", &ClusterCounters::duplicated},
      {"reordered", &ClusterCounters::reordered},
      {"clogged", &ClusterCounters::clogged},
      {"transmitted", &ClusterCounters::transmitted},
      {"clock_jumps", &ClusterCounters::clock_jumps},
      {"torn_writes", &ClusterCounters::torn_writes},
      {"corruptions", &ClusterCounters::corruptions},
      {"wipes", &ClusterCounters::wipes},
      {"sync_failures", &ClusterCounters::sync_failures},
      {"halts", &ClusterCounters::halts},
  };
  for (const auto& [name, member] : effect_counters) {
    uint64_t count = after.*member - before.*member;
    if (count != 0) {
      report.effects.emplace_back(std::string(name), count);
    }
  }
  report.faults_applied = faults_applied_;
  report.skipped_faults = std::move(skipped_faults_);
  faults_applied_ = 0;
  skipped_faults_.clear();
  return report;
}

bool ScenarioRun::finish(Simulator::RunResult result, RunReport& report) {
  Verdict& verdict = report.verdict;
  if (checkers_->violation()) {
    const Violation& violation = *checkers_->violation();
    bool is_liveness = violation.check.rfind("liveness.", 0) == 0;
    verdict.kind =
        is_liveness ? Verdict::Kind::liveness_violation : Verdict::Kind::safety_violation;
    verdict.check = violation.check;
    verdict.at = violation.at;
    verdict.node = violation.node;
    verdict.message = violation.message;
  } else if (result == Simulator::RunResult::budget_exhausted) {
    verdict.kind = Verdict::Kind::budget_exhausted;
    verdict.check = "budget";
    verdict.at = simulator_.now();
    verdict.message = fmt::format("event budget of {} events exhausted (limits.max_events)",
                                  scenario_.limits.max_events);
  } else {
    return false;
  }
  verdict.last_trace_lines = trace_.tail();
  return true;
}

RunReport ScenarioRun::run() {
  ScopedCheckContext context_guard(&check_context_);
  RunReport report;
  report.seed = seed_;
  report.expect_violation = scenario_.expect_violation;
  cluster_->start();
  Time start = Time::zero();
  for (size_t index = 0; index < scenario_.phases.size(); ++index) {
    const PhaseSpec& phase = scenario_.phases[index];
    uint64_t events_before = simulator_.events_processed();
    ClusterCounters counters_before = cluster_->counters();
    uint64_t elections_before = cluster_->roles().elections_won();
    int64_t commits_before = cluster_->roles().highest_commit_index();
    std::string phase_name = phase.name;
    cluster_->record(TraceEvent{"phase", "start", {{"name", phase_name}}});
    schedule_phase(phase, index, start);
    Time end = start + phase.duration;
    uint64_t budget_used = simulator_.events_processed();
    uint64_t budget_left =
        scenario_.limits.max_events > budget_used ? scenario_.limits.max_events - budget_used : 0;
    Simulator::RunResult result = simulator_.run_until(end, budget_left);
    if (result == Simulator::RunResult::reached_time) {
      checkers_->finish_phase(end);
    }
    PhaseReport phase_report;
    stop_nemesis(phase_report);
    report.phases.push_back(summarize(phase, start, simulator_.now(), events_before,
                                      counters_before, elections_before, commits_before,
                                      phase_report));
    if (finish(result, report)) {
      break;
    }
    start = end;
  }
  if (report.verdict.passed()) {
    checkers_->finish_run(simulator_.now());
    finish(Simulator::RunResult::reached_time, report);
  }
  report.figures = checkers_->figures();
  report.trace_hash = trace_.hash();
  report.events = simulator_.events_processed();
  report.end = simulator_.now();
  report.history = cluster_->history();
  return report;
}

}  // namespace

bool RunReport::passed() const {
  if (expect_violation.empty()) {
    return verdict.passed();
  }
  return !verdict.passed() && verdict.check == expect_violation;
}

std::string_view Verdict::kind_name() const {
  switch (kind) {
    case Kind::pass:
      return "pass";
    case Kind::safety_violation:
      return "safety violation";
    case Kind::liveness_violation:
      return "liveness violation";
    case Kind::budget_exhausted:
      return "budget exhausted";
  }
  return "?";
}

RunReport run_scenario(const Scenario& scenario, uint64_t seed, const RunOptions& options) {
  ScenarioRun run(scenario, seed, options);
  return run.run();
}

}  // namespace faultline
