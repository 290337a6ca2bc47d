// File: checker_set.h
// The checkers of one run, built from the scenario's list of check ids, fed from the TraceSink as
// an observer. Records the first violation of any checker (safety or liveness) and tells the
// runner through a callback so that it can stop the simulator at once. After the first violation
// no checker is fed any more: the verdict names one failure, the earliest.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/base/result.h"
#include "sim/base/trace.h"
#include "sim/check/checker.h"
#include "sim/check/liveness.h"

namespace faultline {

// Raft's default checks, in a fixed order: raft.election_safety, raft.log_matching,
// raft.leader_completeness, raft.state_machine_safety, raft.commit_quorum. Every protocol's check
// ids are listed in sim/base/check_catalog.h.
std::vector<std::string> known_safety_checks();

class CheckerSet final : public TraceObserver {
 public:
  // One checker per id in `names` (order kept) for a cluster of `server_count` servers (n1..nN).
  // An unknown or repeated id is an Error naming the known ids (check_catalog.h all_checks()). The
  // liveness checker is always present and stays idle until armed.
  static Result<std::unique_ptr<CheckerSet>> make(const std::vector<std::string>& names,
                                                  uint32_t server_count);

  // Feeds every checker, then records the first violation and calls the callback once.
  void on_trace(const TraceEvent& event) override;

  // Liveness deadlines (see liveness.h): the runner arms through liveness() and reports the
  // passage of time here so that a missed deadline becomes this set's violation.
  LivenessChecker& liveness() { return liveness_; }
  void advance_to(Time now);
  void finish_phase(Time end);
  // The run ended at `end`: each checker's finish_run() (see checker.h), unless one fired.
  void finish_run(Time end);
  // Every checker's figures, in check order.
  std::vector<std::pair<std::string, std::string>> figures() const;

  const std::optional<Violation>& violation() const { return violation_; }
  // Called once, right after the first violation is recorded.
  void set_on_violation(std::function<void()> callback) { on_violation_ = std::move(callback); }
  // The ids of the safety checkers, in the order given to make().
  std::vector<std::string> safety_check_names() const;

 private:
  CheckerSet() = default;
  // Records `checker`'s violation if it has one and none is recorded yet.
  void collect(const Checker& checker);

  std::vector<std::unique_ptr<Checker>> safety_;
  LivenessChecker liveness_;
  std::optional<Violation> violation_;
  std::function<void()> on_violation_;
};

}  // namespace faultline
