// File: history_builder.cc
// Invocation/completion pairing per process, and the arguments of each function.
#include "sim/check/linearizability/history_builder.h"

#include <fmt/format.h>

#include <utility>

namespace faultline::linearizability {

namespace {

std::string_view functions_of(ModelKind model) {
  switch (model) {
    case ModelKind::cas_register:
      return ":read, :write, :cas";
    case ModelKind::kv:
      return ":get, :put, :append";
    case ModelKind::mutex:
      return ":acquire, :release";
  }
  return "";
}

bool is_read(Function function) {
  return function == Function::read || function == Function::get;
}

// When every event carries its time (:time, as faultline's own histories and Jepsen's do) and
// every operation returned after it was called, real-time order comes from the times: two events
// at one time are concurrent, as the run's own check `linearizable` judges them, whatever their
// order in the file. Otherwise it comes from the order of the lines.
void use_recorded_times(OperationHistory& operations) {
  for (const Operation& operation : operations) {
    bool open = operation.ret == open_return;
    if (!operation.call_time_ns ||
        (!open &&
         (!operation.return_time_ns || *operation.return_time_ns <= *operation.call_time_ns))) {
      return;
    }
  }
  for (Operation& operation : operations) {
    operation.call = *operation.call_time_ns;
    if (operation.ret != open_return) {
      operation.ret = *operation.return_time_ns;
    }
  }
}

}  // namespace

std::optional<HistoryEvent::Type> parse_event_type(std::string_view name) {
  if (name == "invoke") {
    return HistoryEvent::Type::invoke;
  }
  if (name == "ok") {
    return HistoryEvent::Type::ok;
  }
  if (name == "fail") {
    return HistoryEvent::Type::fail;
  }
  if (name == "info") {
    return HistoryEvent::Type::info;
  }
  return std::nullopt;
}

std::optional<Value> edn_to_value(const EdnValue& value) {
  switch (value.kind) {
    case EdnValue::Kind::nil:
      return Value{};
    case EdnValue::Kind::keyword:
      return Value{":" + value.text};
    case EdnValue::Kind::vector:
    case EdnValue::Kind::map:
      return std::nullopt;
    default:
      return Value{value.text};
  }
}

HistoryBuilder::HistoryBuilder(ModelKind model, std::string_view path, bool failed_cas_is_definite)
    : model_(model), path_(path), failed_cas_is_definite_(failed_cas_is_definite) {}

Error HistoryBuilder::error_at(int line, std::string message) const {
  Error error = Error::make(std::move(message));
  error.file = path_;
  error.line = line;
  return error;
}

Status HistoryBuilder::add(const HistoryEvent& event) {
  std::optional<Function> function = parse_function(event.function);
  if (!function || !Model(model_).accepts(*function)) {
    return error_at(event.line, fmt::format(":{} is not an operation of the {} model (it has {})",
                                            printable(event.function), model_name(model_),
                                            functions_of(model_)));
  }
  if (event.time_ns) {
    if (last_time_ns_ && *event.time_ns < *last_time_ns_) {
      return error_at(event.line, fmt::format(":time {} is before the previous event's {}: events "
                                              "must be listed in the order they happened",
                                              *event.time_ns, *last_time_ns_));
    }
    last_time_ns_ = event.time_ns;
  }
  Status status = event.type == HistoryEvent::Type::invoke ? invoke(event, *function)
                                                           : complete(event, *function);
  ++position_;
  ++events_;
  return status;
}

Status HistoryBuilder::set_arguments(Operation& operation, const EdnValue& value, int line) const {
  switch (operation.function) {
    case Function::write:
    case Function::put:
    case Function::append: {
      std::optional<Value> scalar = edn_to_value(value);
      if (!scalar) {
        return error_at(
            line, fmt::format(":{} needs a single value, not {}", function_name(operation.function),
                              edn_kind_name(value.kind)));
      }
      operation.input = std::move(*scalar);
      return std::nullopt;
    }
    case Function::cas: {
      std::optional<Value> from;
      std::optional<Value> to;
      if (value.kind == EdnValue::Kind::vector && value.items.size() == 2) {
        from = edn_to_value(value.items[0]);
        to = edn_to_value(value.items[1]);
      }
      if (!from || !to) {
        return error_at(line,
                        fmt::format(":cas needs [FROM TO], not {}", printable(edn_text(value))));
      }
      operation.input = std::move(*from);
      operation.input_to = std::move(*to);
      return std::nullopt;
    }
    default:
      return std::nullopt;  // reads carry their result on completion; a mutex carries nothing
  }
}

Status HistoryBuilder::invoke(const HistoryEvent& event, Function function) {
  auto running = in_flight_.find(event.process);
  if (running != in_flight_.end()) {
    const Operation& earlier = operations_[running->second.operation];
    return error_at(
        event.line,
        fmt::format("process {} invokes :{} while its :{} invoked on line {} is still "
                    "in flight",
                    event.process, event.function, running->second.function, earlier.call_line));
  }
  Operation operation;
  operation.process = event.process;
  operation.function = function;
  operation.key = event.key.value_or("");
  operation.status = OperationStatus::indeterminate;
  operation.call = position_;
  operation.ret = open_return;
  operation.call_time_ns = event.time_ns;
  operation.call_line = event.line;
  if (Status bad = set_arguments(operation, event.value, event.line)) {
    return bad;
  }
  in_flight_[event.process] = Pending{operations_.size(), event.function};
  operations_.push_back(std::move(operation));
  dropped_.push_back(false);
  return std::nullopt;
}

Status HistoryBuilder::complete(const HistoryEvent& event, Function function) {
  auto running = in_flight_.find(event.process);
  if (running == in_flight_.end()) {
    return error_at(event.line, fmt::format("process {} completes :{} without an invocation",
                                            event.process, event.function));
  }
  size_t index = running->second.operation;
  Operation& operation = operations_[index];
  if (operation.function != function) {
    return error_at(event.line, fmt::format("process {} completes :{} but invoked :{} on line {}",
                                            event.process, event.function, running->second.function,
                                            operation.call_line));
  }
  if (event.key && *event.key != operation.key) {
    return error_at(event.line,
                    fmt::format("process {} completes :{} on key \"{}\" but invoked it on key "
                                "\"{}\" on line {}",
                                event.process, event.function, printable(*event.key),
                                printable(operation.key), operation.call_line));
  }
  in_flight_.erase(running);
  operation.return_line = event.line;
  if (event.type == HistoryEvent::Type::info) {
    dropped_[index] = is_read(function);  // indeterminate: open to the end, or never
    return std::nullopt;
  }
  if (event.type == HistoryEvent::Type::fail &&
      !(function == Function::cas && failed_cas_is_definite_)) {
    dropped_[index] = true;  // it never took effect
    return std::nullopt;
  }
  operation.status =
      event.type == HistoryEvent::Type::ok ? OperationStatus::ok : OperationStatus::failed;
  operation.ret = position_;
  operation.return_time_ns = event.time_ns;
  if (is_read(function)) {
    std::optional<Value> output = edn_to_value(event.value);
    if (!output) {
      return error_at(event.line, fmt::format(":{} returned {}, not a single value", event.function,
                                              edn_kind_name(event.value.kind)));
    }
    operation.output = std::move(*output);
  } else if (event.value.kind != EdnValue::Kind::nil) {
    // Some histories give a write's value only on completion; where both lines give it, they
    // must agree (which of the two took effect could not be told otherwise).
    Operation completed = operation;
    completed.input.reset();
    completed.input_to.reset();
    if (Status bad = set_arguments(completed, event.value, event.line)) {
      return bad;
    }
    if (!operation.input) {
      operation.input = std::move(completed.input);
      operation.input_to = std::move(completed.input_to);
    } else if (completed.input != operation.input || completed.input_to != operation.input_to) {
      return error_at(event.line,
                      fmt::format("process {} completes :{} with a value other than the one it "
                                  "invoked it with on line {}",
                                  event.process, event.function, operation.call_line));
    }
  }
  bool writes = function == Function::write || function == Function::put ||
                function == Function::append || function == Function::cas;
  if (writes && !operation.input) {
    return error_at(event.line, fmt::format("process {} completes :{} but neither line gives the "
                                            "value it wrote",
                                            event.process, event.function));
  }
  return std::nullopt;
}

OperationHistory HistoryBuilder::finish() && {
  OperationHistory kept;
  kept.reserve(operations_.size());
  for (size_t index = 0; index < operations_.size(); ++index) {
    Operation& operation = operations_[index];
    bool never_completed = operation.status == OperationStatus::indeterminate;
    if (dropped_[index] || (never_completed && is_read(operation.function))) {
      continue;
    }
    kept.push_back(std::move(operation));
  }
  use_recorded_times(kept);
  return kept;
}

}  // namespace faultline::linearizability
