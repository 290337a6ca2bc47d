// File: history_json_writer.cc
// One line per event; strings escaped by nlohmann-json.
#include "sim/check/linearizability/history_json_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

#include "sim/base/check.h"

namespace faultline::linearizability {

namespace {

std::string_view completion_type(OperationStatus status) {
  switch (status) {
    case OperationStatus::ok:
      return "ok";
    case OperationStatus::failed:
      return "fail";
    case OperationStatus::indeterminate:
      return "info";
  }
  return "?";
}

nlohmann::json value_json(const Value& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// The :value of an event as Jepsen writes it.
nlohmann::json event_value(const Operation& operation, bool invocation) {
  switch (operation.function) {
    case Function::read:
    case Function::get:
      return invocation ? nlohmann::json(nullptr) : value_json(operation.output);
    case Function::cas:
      return nlohmann::json::array({value_json(operation.input), value_json(operation.input_to)});
    case Function::acquire:
    case Function::release:
      return nullptr;
    default:
      return value_json(operation.input);
  }
}

}  // namespace

std::string write_json_history(const OperationHistory& history) {
  // (time, 0 invocation / 1 completion, operation index)
  std::vector<std::tuple<int64_t, int, size_t>> events;
  for (size_t index = 0; index < history.size(); ++index) {
    const Operation& operation = history[index];
    FL_CHECK(operation.call_time_ns.has_value(), "operation {} has no call time", index);
    events.emplace_back(*operation.call_time_ns, 0, index);
    if (operation.return_time_ns) {
      events.emplace_back(*operation.return_time_ns, 1, index);
    }
  }
  std::sort(events.begin(), events.end());
  std::string text = "[";
  for (size_t position = 0; position < events.size(); ++position) {
    const auto& [time, completion, index] = events[position];
    const Operation& operation = history[index];
    nlohmann::ordered_json event;
    event["index"] = position;
    event["time"] = time;
    event["process"] = operation.process;
    event["type"] = completion == 0 ? "invoke" : completion_type(operation.status);
    event["f"] = function_name(operation.function);
    if (!operation.key.empty()) {
      event["key"] = operation.key;
    }
    event["value"] = event_value(operation, completion == 0);
    text += (position == 0 ? "" : ",\n ") + event.dump();
  }
  return text + "]\n";
}

}  // namespace faultline::linearizability
