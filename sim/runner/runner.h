// File: runner.h
// Runs one scenario with one seed (DESIGN.md "The flow of one run"): builds the cluster, plays
// the phases and their scripted faults, feeds every trace event to the checkers, judges liveness
// in liveness phases, and returns a Verdict with everything a user needs to act on a failure.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/base/history.h"
#include "sim/base/nemesis_decision.h"
#include "sim/base/node_id.h"
#include "sim/base/time.h"
#include "sim/scenario/scenario.h"

namespace faultline {

struct Verdict {
  enum class Kind { pass, safety_violation, liveness_violation, budget_exhausted };
  Kind kind = Kind::pass;
  std::string check;  // the failed check id, e.g. "raft.election_safety"; empty on pass
  Time at;            // simulated time of the failure
  NodeId node;        // the node it was seen on (none when global)
  std::string message;
  std::vector<std::string> last_trace_lines;  // the trace tail at the failure

  bool passed() const { return kind == Kind::pass; }
  std::string_view kind_name() const;
};

struct PhaseReport {
  std::string name;
  Time start;
  Time end;
  uint64_t events = 0;
  uint64_t messages_sent = 0;
  uint64_t messages_delivered = 0;
  uint64_t messages_dropped = 0;
  uint64_t elections = 0;          // leaders elected (raft.become_leader)
  int64_t commits = 0;             // growth of the highest commit index
  uint64_t operations_ok = 0;      // client operations completed ok
  uint64_t operations_failed = 0;  // timed out (outcome unknown)
  Duration latency_p50;            // of ok operations completed in this phase
  Duration latency_p99;
  uint64_t faults_applied = 0;              // scripted faults that acted
  std::vector<std::string> skipped_faults;  // "line 14: crash at 2.000000000s: no_leader"
  uint64_t nemesis_injected = 0;            // random faults the phase's nemesis injected
  uint64_t nemesis_skipped = 0;             // random faults skipped to stay within the budget
  // Whether the phase had a nemesis, and every decision it took (one per arrival, in order): the
  // timeline that replays it (`run --emit-scenario`, tools/scenario_emit.h).
  bool has_nemesis = false;
  std::vector<NemesisDecision> nemesis_decisions;
  // What the fault models did in this phase, as (name, count) in a fixed order, nonzero only:
  // dropped_loss, dropped_partition, dropped_crashed, dropped_queue_full, duplicated, reordered,
  // clogged, transmitted, clock_jumps, torn_writes, corruptions, wipes, sync_failures, halts.
  std::vector<std::pair<std::string, uint64_t>> effects;
};

struct RunReport {
  uint64_t seed = 0;
  Verdict verdict;
  // The scenario's expect_violation: for a negative scenario the run passes only if exactly that
  // check fires.
  std::string expect_violation;
  bool passed() const;
  std::vector<PhaseReport> phases;
  uint64_t trace_hash = 0;
  uint64_t events = 0;
  Time end;
  History history;
  // Named figures the checkers computed over the whole run (Checker::figures), e.g. a failure
  // detector's detection time; values carry their units.
  std::vector<std::pair<std::string, std::string>> figures;
};

struct RunOptions {
  std::FILE* trace_stream = nullptr;  // every trace line is written here when set
};

// Runs `scenario` with `seed`. Deterministic: the same scenario and seed give the same report and
// trace hash. Never throws; programmer errors abort through FL_CHECK.
RunReport run_scenario(const Scenario& scenario, uint64_t seed, const RunOptions& options = {});

}  // namespace faultline
