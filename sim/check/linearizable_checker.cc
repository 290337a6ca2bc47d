// File: linearizable_checker.cc
#include "sim/check/linearizable_checker.h"

#include <fmt/format.h>

#include <algorithm>

#include "sim/check/linearizability/from_history.h"

namespace faultline {

void LinearizableChecker::observe(const TraceEvent& event) {
  if (event.component != "client") {
    return;
  }
  if (event.name == "invoke") {
    on_invoke(event);
  } else if (event.name == "ok") {
    on_completion(event, HistoryOperation::Outcome::ok);
  } else if (event.name == "fail") {
    on_completion(event, HistoryOperation::Outcome::fail);
  } else if (event.name == "unknown") {
    on_completion(event, HistoryOperation::Outcome::unknown);
  }
}

void LinearizableChecker::on_invoke(const TraceEvent& event) {
  HistoryOperation operation;
  operation.client = event.node;
  operation.request_id = static_cast<uint64_t>(event.number("id"));
  operation.kind =
      event.text("op") == "put" ? HistoryOperation::Kind::put : HistoryOperation::Kind::get;
  operation.key = std::string(event.text("key"));
  operation.value = std::string(event.text("value"));
  operation.invoked_at = event.time;
  running_[event.node] = history_.size();
  history_.push_back(std::move(operation));
}

void LinearizableChecker::on_completion(const TraceEvent& event,
                                        HistoryOperation::Outcome outcome) {
  auto running = running_.find(event.node);
  if (running == running_.end()) {
    return;  // the client completed an operation this checker never saw invoked
  }
  HistoryOperation& operation = history_[running->second];
  running_.erase(running);
  operation.outcome = outcome;
  operation.completed_at = event.time;
  if (outcome == HistoryOperation::Outcome::ok && operation.kind == HistoryOperation::Kind::get) {
    operation.value = std::string(event.text("value"));
  }
}

void LinearizableChecker::finish_run(Time end) {
  linearizability::CheckOptions options;
  options.model = linearizability::ModelKind::kv;
  result_ =
      linearizability::check_history(linearizability::operations_from_history(history_), options);
  if (result_->verdict == linearizability::Verdict::linearizable) {
    return;
  }
  if (result_->verdict == linearizability::Verdict::unknown) {
    report(Violation{std::string(check_name), end, NodeId{},
                     fmt::format("undecided: the search hit its limit ({}); the history was not "
                                 "shown linearizable",
                                 result_->unknown_reason)});
    return;
  }
  // The violation shows at the latest return among the operations that cannot be linearized
  // (an operation still open counts at its call).
  Time at;
  NodeId node;
  std::string operations;
  for (const linearizability::Operation& operation : result_->failing_operations) {
    int64_t seen = operation.ret == linearizability::open_return ? operation.call : operation.ret;
    if (seen >= at.ns) {
      at = Time{seen};
      node = NodeId::client(static_cast<uint32_t>(operation.process));
    }
    operations += "\n    " + linearizability::format_operation(operation);
  }
  report(
      Violation{std::string(check_name), at, node,
                fmt::format("key \"{}\": these {} operations cannot be linearized ({}):{}",
                            result_->key, result_->failing_operations.size(),
                            result_->minimal ? "a minimal set" : "a small set, not shown minimal",
                            operations)});
}

void LinearizableChecker::figures(std::vector<std::pair<std::string, std::string>>& out) const {
  if (!result_) {
    return;
  }
  const linearizability::CheckFigures& figures = result_->figures;
  out.emplace_back("linearizable.operations", fmt::format("{}", figures.operations));
  out.emplace_back("linearizable.keys", fmt::format("{}", figures.partitions));
  out.emplace_back("linearizable.states_explored", fmt::format("{}", figures.states_explored));
}

}  // namespace faultline
