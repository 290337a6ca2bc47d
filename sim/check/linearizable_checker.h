// File: linearizable_checker.h
// Check `linearizable`: the run's client history is linearizable for a key-value map (Herlihy and
// Wing 1990). Rebuilds the history from the client trace events (`client.invoke id op key value`,
// `client.ok id value`, `client.fail id`, `client.unknown id` on client nodes) and, when the run
// ends, hands it to the checker of sim/check/linearizability (Wing and Gong's search with Lowe's
// memo, per key). A put of unknown outcome, or any operation still running at the end, may have
// taken effect at any time after its invocation or never; a failed get took no effect. Fires at
// the return of the latest operation of the minimal set that cannot be linearized, naming the
// key and those operations; a search that hits its limit fires too (the check did not hold on
// every event, so it must not pass).
#pragma once

#include <cstddef>
#include <map>
#include <string_view>

#include "sim/base/history.h"
#include "sim/check/checker.h"
#include "sim/check/linearizability/linearizability_checker.h"

namespace faultline {

class LinearizableChecker final : public Checker {
 public:
  static constexpr std::string_view check_name = "linearizable";

  std::string_view name() const override { return check_name; }
  void observe(const TraceEvent& event) override;
  void finish_run(Time end) override;
  void figures(std::vector<std::pair<std::string, std::string>>& out) const override;

 private:
  void on_invoke(const TraceEvent& event);
  void on_completion(const TraceEvent& event, HistoryOperation::Outcome outcome);

  History history_;
  std::map<NodeId, size_t> running_;  // client -> its operation in flight (index in history_)
  std::optional<linearizability::CheckResult> result_;
};

}  // namespace faultline
