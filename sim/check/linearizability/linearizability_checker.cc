// File: linearizability_checker.cc
// Splits the history per key (in key order), searches each key, and shrinks the first key that
// fails to a minimal set. Operations that constrain nothing are left out first: reads and gets of
// unknown outcome, failed operations other than cas (they never took effect), and indeterminate
// writes nobody observed (observation.h).
#include "sim/check/linearizability/linearizability_checker.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "sim/base/check.h"
#include "sim/check/linearizability/minimal_set.h"
#include "sim/check/linearizability/observation.h"
#include "sim/check/linearizability/partition_search.h"

namespace faultline::linearizability {

namespace {

bool constrains_something(const Operation& operation) {
  bool is_read = operation.function == Function::read || operation.function == Function::get;
  if (is_read && operation.status != OperationStatus::ok) {
    return false;
  }
  return operation.status != OperationStatus::failed || operation.function == Function::cas;
}

// Each key's operations in call order (ties by position in the history), without those that
// constrain nothing; `operations` counts those kept.
std::map<std::string, std::vector<const Operation*>> split_by_key(const OperationHistory& history,
                                                                  const Model& model,
                                                                  uint64_t& operations) {
  std::map<std::string, std::vector<const Operation*>> partitions;
  for (const Operation& operation : history) {
    FL_CHECK(model.accepts(operation.function), "the {} model has no operation {}",
             model_name(model.kind()), function_name(operation.function));
    FL_CHECK(operation.call <= operation.ret, "operation returns before it is called: {}",
             format_operation(operation));
    if (constrains_something(operation)) {
      partitions[operation.key].push_back(&operation);
      ++operations;
    }
  }
  for (auto& [key, members] : partitions) {
    std::stable_sort(
        members.begin(), members.end(),
        [](const Operation* left, const Operation* right) { return left->call < right->call; });
    size_t before = members.size();
    members = without_unobserved_writes(members);
    operations -= before - members.size();
  }
  return partitions;
}

}  // namespace

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::linearizable:
      return "linearizable";
    case Verdict::not_linearizable:
      return "not linearizable";
    case Verdict::unknown:
      return "unknown";
  }
  return "?";
}

CheckResult check_history(const OperationHistory& history, const CheckOptions& options) {
  Model model(options.model, options.initial);
  CheckResult result;
  std::map<std::string, std::vector<const Operation*>> partitions =
      split_by_key(history, model, result.figures.operations);
  result.figures.partitions = partitions.size();
  for (const auto& [key, members] : partitions) {
    uint64_t spent = result.figures.states_explored;
    uint64_t remaining = options.max_states > spent ? options.max_states - spent : 0;
    SearchResult search =
        search_partition(members, model, SearchLimits{remaining, options.max_memo_bytes});
    result.figures.states_explored += search.states_explored;
    result.figures.memo_entries += search.memo_entries;
    result.figures.memo_peak_bytes = std::max(result.figures.memo_peak_bytes, search.memo_bytes);
    if (search.outcome == SearchOutcome::limit_reached) {
      result.verdict = Verdict::unknown;
      result.unknown_reason =
          search.states_explored > remaining
              ? fmt::format("key {} reached the limit of {} states explored",
                            format_value(key, true), options.max_states)
              : fmt::format("key {} reached the memo limit of {} bytes after {} states",
                            format_value(key, true), options.max_memo_bytes,
                            search.states_explored);
      return result;
    }
    if (search.outcome == SearchOutcome::not_linearizable) {
      MinimalSet minimal =
          find_minimal_set(members, model, options.max_shrink_states, options.max_memo_bytes);
      result.verdict = Verdict::not_linearizable;
      result.key = key;
      result.minimal = minimal.minimal;
      result.figures.shrink_states = minimal.states_explored;
      for (const Operation* operation : minimal.operations) {
        result.failing_operations.push_back(*operation);
      }
      return result;
    }
  }
  return result;
}

std::string format_result(const CheckResult& result, ModelKind model) {
  std::string text;
  switch (result.verdict) {
    case Verdict::linearizable:
      text += "verdict: linearizable\n";
      break;
    case Verdict::not_linearizable:
      text += "verdict: NOT linearizable\n";
      text += result.key.empty() ? std::string{"key: (none: one object)\n"}
                                 : fmt::format("key: {}\n", format_value(result.key, true));
      text += fmt::format("{} {} that cannot be linearized{}:\n", result.failing_operations.size(),
                          result.failing_operations.size() == 1 ? "operation" : "operations",
                          result.minimal ? " (minimal)" : " (not minimal: shrink budget reached)");
      for (const Operation& operation : result.failing_operations) {
        text += "  " + format_operation(operation) + "\n";
      }
      break;
    case Verdict::unknown:
      text += "verdict: unknown (limit reached)\n";
      text += fmt::format("reason: {}\n", result.unknown_reason);
      break;
  }
  const CheckFigures& figures = result.figures;
  text += fmt::format(
      "figures: model={} operations={} partitions={} states_explored={} memo_entries={} "
      "memo_peak_bytes={} shrink_states={}\n",
      model_name(model), figures.operations, figures.partitions, figures.states_explored,
      figures.memo_entries, figures.memo_peak_bytes, figures.shrink_states);
  return text;
}

}  // namespace faultline::linearizability
