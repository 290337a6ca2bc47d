// File: checker.h
// The interface of an incremental checker (DESIGN.md "Checkers observe trace events"): it sees
// every trace event in order, keeps the least state that decides its invariant, and records the
// first violation it finds. Checkers never reach into protocol objects. observe() runs on every
// event of multi-million-event runs, so implementations do O(1) amortised work per event and
// build strings only when they fire.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/base/trace.h"
#include "sim/check/violation.h"

namespace faultline {

class Checker {
 public:
  virtual ~Checker();

  // The check id this checker answers for ("raft.log_matching").
  virtual std::string_view name() const = 0;
  // Feeds one trace event. Events must arrive in trace order (non-decreasing time).
  virtual void observe(const TraceEvent& event) = 0;

  // The run ended at `end` without any violation: a checker that judges the final state (an
  // acknowledged write missing from it, a crash never detected) may report() here. Called once.
  virtual void finish_run(Time end) { (void)end; }
  // Named figures for the run summary (e.g. a failure detector's detection time), appended to
  // `out` in a fixed order; values are already formatted with their units. Default: none.
  virtual void figures(std::vector<std::pair<std::string, std::string>>& out) const { (void)out; }
  // The first violation found, if any. Later violations are not recorded.
  const std::optional<Violation>& violation() const { return violation_; }
  bool fired() const { return violation_.has_value(); }

 protected:
  // Records `violation` unless one is already recorded.
  void report(Violation violation);

 private:
  std::optional<Violation> violation_;
};

}  // namespace faultline
