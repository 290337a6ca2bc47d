// File: history_file.cc
#include "tools/history_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

namespace faultline {
namespace {

// One line of the file: an operation's invocation or its completion.
struct HistoryEvent {
  Time time;
  bool is_completion = false;
  size_t operation = 0;  // index into the History
};

// Invocations and completions of every operation, ordered by (time, completions first,
// operation index): a total order that does not depend on the container.
std::vector<HistoryEvent> history_events(const History& history) {
  std::vector<HistoryEvent> events;
  events.reserve(history.size() * 2);
  for (size_t index = 0; index < history.size(); ++index) {
    events.push_back(HistoryEvent{history[index].invoked_at, false, index});
    if (history[index].outcome != HistoryOperation::Outcome::pending) {
      events.push_back(HistoryEvent{history[index].completed_at, true, index});
    }
  }
  std::sort(events.begin(), events.end(), [](const HistoryEvent& a, const HistoryEvent& b) {
    if (a.time != b.time) {
      return a.time < b.time;
    }
    if (a.is_completion != b.is_completion) {
      return a.is_completion;
    }
    return a.operation < b.operation;
  });
  return events;
}

std::string_view event_type(const HistoryOperation& operation, bool is_completion) {
  if (!is_completion) {
    return "invoke";
  }
  switch (operation.outcome) {
    case HistoryOperation::Outcome::ok:
      return "ok";
    case HistoryOperation::Outcome::fail:
      return "fail";
    case HistoryOperation::Outcome::unknown:
    case HistoryOperation::Outcome::pending:
      break;
  }
  return "info";
}

// A string literal valid in both EDN and JSON: backslash, quote and control characters escaped.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

// The value field: a put's argument on both lines; a get's result on its :ok line only.
std::optional<std::string_view> event_value(const HistoryOperation& operation, bool is_completion) {
  if (operation.kind == HistoryOperation::Kind::put) {
    return operation.value;
  }
  if (is_completion && operation.outcome == HistoryOperation::Outcome::ok) {
    return operation.value;
  }
  return std::nullopt;
}

}  // namespace

Result<HistoryFormat> history_format_for_path(std::string_view path) {
  if (path.ends_with(".edn")) {
    return HistoryFormat::edn;
  }
  if (path.ends_with(".json")) {
    return HistoryFormat::json;
  }
  return Error::make(fmt::format(
      "--history {}: the file name must end in .edn (Jepsen's EDN) or .json", printable(path)));
}

std::string format_history(const History& history, HistoryFormat format) {
  std::vector<HistoryEvent> events = history_events(history);
  bool edn = format == HistoryFormat::edn;
  std::string out = edn ? "" : "[";
  for (size_t line = 0; line < events.size(); ++line) {
    const HistoryEvent& event = events[line];
    const HistoryOperation& operation = history[event.operation];
    std::string_view type = event_type(operation, event.is_completion);
    std::string_view function = operation.kind == HistoryOperation::Kind::put ? "put" : "get";
    std::optional<std::string_view> value = event_value(operation, event.is_completion);
    std::string value_text = value ? quoted(*value) : std::string(edn ? "nil" : "null");
    uint32_t process = operation.client.number();
    if (edn) {
      out += fmt::format(
          "{{:index {}, :time {}, :process {}, :type :{}, :f :{}, :key {}, :value {}}}\n", line,
          event.time.ns, process, type, function, quoted(operation.key), value_text);
    } else {
      out += fmt::format(
          "{}{{\"index\":{},\"time\":{},\"process\":{},\"type\":\"{}\",\"f\":\"{}\",\"key\":{},"
          "\"value\":{}}}",
          line == 0 ? "" : ",\n ", line, event.time.ns, process, type, function,
          quoted(operation.key), value_text);
    }
  }
  if (!edn) {
    out += "]\n";
  }
  return out;
}

}  // namespace faultline
