// File: linearizability_test_history.h
// Small builders for hand-written histories in the linearizability tests: one call per
// operation, with its real-time interval [call, ret] (ret omitted: indeterminate, open to the end).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/check/linearizability/linearizability_checker.h"

namespace faultline::linearizability::testing {

inline Operation make(int64_t process, Function function, int64_t call, std::optional<int64_t> ret,
                      Value input = std::nullopt, Value output = std::nullopt,
                      std::string key = "") {
  Operation operation;
  operation.process = process;
  operation.function = function;
  operation.call = call;
  operation.ret = ret ? *ret : open_return;
  operation.status = ret ? OperationStatus::ok : OperationStatus::indeterminate;
  operation.input = std::move(input);
  operation.output = std::move(output);
  operation.key = std::move(key);
  return operation;
}

inline Operation write(int64_t process, int64_t call, std::optional<int64_t> ret, Value value) {
  return make(process, Function::write, call, ret, std::move(value));
}
inline Operation read(int64_t process, int64_t call, int64_t ret, Value value) {
  return make(process, Function::read, call, ret, std::nullopt, std::move(value));
}
inline Operation cas(int64_t process, int64_t call, std::optional<int64_t> ret, Value from,
                     Value to, OperationStatus status = OperationStatus::ok) {
  Operation operation = make(process, Function::cas, call, ret, std::move(from));
  operation.input_to = std::move(to);
  if (ret) {
    operation.status = status;
  }
  return operation;
}
inline Operation put(int64_t process, std::string key, int64_t call, std::optional<int64_t> ret,
                     std::string value) {
  return make(process, Function::put, call, ret, std::move(value), std::nullopt, std::move(key));
}
inline Operation append(int64_t process, std::string key, int64_t call, std::optional<int64_t> ret,
                        std::string value) {
  return make(process, Function::append, call, ret, std::move(value), std::nullopt, std::move(key));
}
inline Operation get(int64_t process, std::string key, int64_t call, int64_t ret,
                     std::string value) {
  return make(process, Function::get, call, ret, std::nullopt, std::move(value), std::move(key));
}
inline Operation acquire(int64_t process, int64_t call, std::optional<int64_t> ret) {
  return make(process, Function::acquire, call, ret);
}
inline Operation release(int64_t process, int64_t call, std::optional<int64_t> ret) {
  return make(process, Function::release, call, ret);
}

inline CheckResult check(const OperationHistory& history, ModelKind model,
                         std::optional<Value> initial = std::nullopt) {
  CheckOptions options;
  options.model = model;
  options.initial = std::move(initial);
  return check_history(history, options);
}

// The failing set as the (call) values of its operations, which the tests make unique.
inline std::vector<int64_t> calls_of(const CheckResult& result) {
  std::vector<int64_t> calls;
  for (const Operation& operation : result.failing_operations) {
    calls.push_back(operation.call);
  }
  return calls;
}

}  // namespace faultline::linearizability::testing
