// File: shrink_search.h
// The search of `faultline shrink`: greedy reductions of the scenario's YAML tree, each kept only
// when the judge (shrink_judge.h) says the candidate still fails the same way, repeated until a
// whole round keeps nothing or the run budget is spent. Owns the invariant that the current state
// always fails like the target: it starts from a tree that does and only ever moves to judged
// candidates. The reductions, cheapest to judge first:
//   1. cut the run just after the failure (later phases, faults and timeline entries go);
//   2. drop whole phases;
//   3. ddmin over each phase's scripted `faults` and nemesis `timeline` (halves, quarters, ...,
//      single entries), then folding a crash and restart around a heal into one partition;
//   4. halve phase durations (never below a fault's time, an expectation or the failure);
//   5. lower the workload (no clients, then fewer clients, a lower rate, fewer keys);
//   6. network loss, duplicate and reorder to 0.
// Random nemeses are timelines before the search starts (shrink_command.cc), so their faults go
// one by one like scripted ones.
// Each reduction kept is printed as it happens ("removed fault line 14 (crash leader at 2s)").
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/runner/runner.h"
#include "tools/shrink_judge.h"
#include "tools/shrink_tree.h"

namespace faultline {

// A tree and the run of its text, which fails like the target.
struct ShrinkState {
  ShrinkTree tree;
  RunReport report;
};

class ShrinkSearch {
 public:
  ShrinkSearch(ShrinkState start, ShrinkJudge& judge, std::FILE* out);

  // Reduces to a fixed point or until the judge's budget is spent.
  void run();

  const ShrinkState& state() const { return state_; }
  uint64_t reductions() const { return reductions_; }

 private:
  // Judges `candidate`; when it fails like the target it becomes the state and `messages` are
  // printed. False when rejected or when the budget is spent.
  bool attempt(ShrinkTree candidate, const std::vector<std::string>& messages);
  bool run_round();

  // Structural reductions (shrink_search.cc).
  bool cut_after_failure();
  bool cut_failing_phase(size_t phase, Duration duration, bool clamp_expectations);
  bool drop_phases();
  bool reduce_lists();
  bool reduce_list(size_t phase, ShrinkList which);
  bool remove_chunk(size_t phase, ShrinkList which, size_t begin, size_t end);
  bool shorten_phases();
  Duration shortest_duration(size_t phase) const;
  // For a liveness target, the phases before the failing one are neither dropped nor shortened:
  // the expectation is judged from the state they leave, and without them it fails for a
  // trivial reason (the first election of the run counted as a leader change).
  bool keeps_phase_whole(size_t phase) const;

  // Rewrites (shrink_fold.cc): a node crashed across a `heal: all` and restarted later is
  // instead kept cut off by that heal turned into `partition: [[node], rest]` (three faults
  // become one).
  bool fold_crashes();
  bool fold_crash(size_t phase, size_t crash);

  // Knob reductions (shrink_knobs.cc).
  bool reduce_workload();
  bool reduce_network();
  // Tries `minimum`, then halves from the current value while the judge keeps the result. `set`
  // writes a value into a tree, `message` describes a change from one value to another.
  bool lower_integer(uint64_t current, uint64_t minimum,
                     const std::function<void(ShrinkTree&, uint64_t)>& set,
                     const std::function<std::string(uint64_t, uint64_t)>& message);

  // The phase of the tree in which the current state's failure happens (nullopt if unknown).
  std::optional<size_t> failing_phase() const;

  ShrinkState state_;
  ShrinkJudge& judge_;
  std::FILE* out_;
  uint64_t reductions_ = 0;
};

}  // namespace faultline
