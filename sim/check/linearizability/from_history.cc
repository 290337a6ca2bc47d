// File: from_history.cc
// HistoryOperation -> Operation: gets and puts of the kv model, keyed by the key.
#include "sim/check/linearizability/from_history.h"

namespace faultline::linearizability {

OperationHistory operations_from_history(const History& history) {
  OperationHistory operations;
  operations.reserve(history.size());
  for (const HistoryOperation& source : history) {
    bool is_get = source.kind == HistoryOperation::Kind::get;
    if (source.outcome == HistoryOperation::Outcome::fail) {
      continue;  // it never took effect
    }
    Operation operation;
    operation.process = source.client.number();
    operation.function = is_get ? Function::get : Function::put;
    operation.key = source.key;
    operation.call = source.invoked_at.ns;
    operation.call_time_ns = source.invoked_at.ns;
    if (is_get) {
      operation.output = source.value;
    } else {
      operation.input = source.value;
    }
    if (source.outcome == HistoryOperation::Outcome::ok) {
      operation.status = OperationStatus::ok;
      operation.ret = source.completed_at.ns;
      operation.return_time_ns = source.completed_at.ns;
    } else {
      operation.status = OperationStatus::indeterminate;
      operation.ret = open_return;
      operation.output.reset();
    }
    operations.push_back(std::move(operation));
  }
  return operations;
}

}  // namespace faultline::linearizability
