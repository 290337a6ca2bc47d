// File: edn_history_reader.cc
// Jepsen's EDN histories: one vector of operation maps, or a sequence of maps (one per line, as
// `faultline run --history` and the kv cases write them).
#include <fmt/format.h>

#include <charconv>

#include "sim/check/linearizability/format_readers.h"

namespace faultline::linearizability {

namespace {

Error map_error(std::string_view path, int line, std::string message) {
  Error error = Error::make(std::move(message));
  error.file = path;
  error.line = line;
  return error;
}

std::optional<int64_t> to_integer(const EdnValue& value) {
  if (value.kind != EdnValue::Kind::integer) {
    return std::nullopt;
  }
  int64_t number = 0;
  auto [end, error] =
      std::from_chars(value.text.data(), value.text.data() + value.text.size(), number);
  if (error != std::errc{} || end != value.text.data() + value.text.size()) {
    return std::nullopt;
  }
  return number;
}

// A name given as a keyword or a string (:put or "put").
std::optional<std::string> to_name(const EdnValue& value) {
  if (value.kind == EdnValue::Kind::keyword || value.kind == EdnValue::Kind::string) {
    return value.text;
  }
  return std::nullopt;
}

Status read_optional_fields(const EdnValue& map, std::string_view path, HistoryEvent& event) {
  if (const EdnValue* key = map.find("key")) {
    if (key->kind == EdnValue::Kind::vector || key->kind == EdnValue::Kind::map) {
      return map_error(path, key->line, ":key must be a string, number or keyword");
    }
    event.key = key->kind == EdnValue::Kind::nil ? std::string{} : key->text;
  }
  if (const EdnValue* time = map.find("time")) {
    std::optional<int64_t> time_ns = to_integer(*time);
    if (!time_ns) {
      return map_error(path, time->line,
                       fmt::format(":time must be an integer, not {}", printable(edn_text(*time))));
    }
    event.time_ns = time_ns;
  }
  if (const EdnValue* value = map.find("value")) {
    event.value = *value;
  }
  return std::nullopt;
}

}  // namespace

Status event_from_op_map(const EdnValue& map, std::string_view path, HistoryEvent& event,
                         bool& skip) {
  if (map.kind != EdnValue::Kind::map) {
    return map_error(path, map.line,
                     fmt::format("expected an operation map, found {}", edn_kind_name(map.kind)));
  }
  event.line = map.line;
  const EdnValue* process = map.find("process");
  const EdnValue* type = map.find("type");
  const EdnValue* function = map.find("f");
  if (process == nullptr || type == nullptr || function == nullptr) {
    return map_error(path, map.line, "an operation needs :process, :type and :f");
  }
  if (process->kind == EdnValue::Kind::keyword ||
      (process->kind == EdnValue::Kind::string && process->text == "nemesis")) {
    skip = true;  // :nemesis (JSON: "nemesis"), or another named process that is not a client
    return std::nullopt;
  }
  std::optional<int64_t> process_number = to_integer(*process);
  if (!process_number) {
    return map_error(path, process->line,
                     fmt::format(":process must be a client's integer (or a keyword such as "
                                 ":nemesis, whose operations are skipped), got {}",
                                 printable(edn_text(*process))));
  }
  event.process = *process_number;
  std::optional<std::string> type_name = to_name(*type);
  std::optional<HistoryEvent::Type> parsed_type;
  if (type_name) {
    parsed_type = parse_event_type(*type_name);
  }
  if (!parsed_type) {
    return map_error(path, type->line,
                     fmt::format("unknown :type {} (expected :invoke, :ok, :fail or :info)",
                                 printable(edn_text(*type))));
  }
  event.type = *parsed_type;
  std::optional<std::string> function_text = to_name(*function);
  if (!function_text) {
    return map_error(path, function->line, ":f must be a keyword");
  }
  event.function = *function_text;
  return read_optional_fields(map, path, event);
}

Status read_edn_history(std::string_view text, std::string_view path, HistoryBuilder& builder) {
  auto add = [&](const EdnValue& map) -> Status {
    HistoryEvent event;
    bool skip = false;
    if (Status bad = event_from_op_map(map, path, event, skip)) {
      return bad;
    }
    return skip ? std::nullopt : builder.add(event);
  };
  EdnReader reader(text);
  bool first = true;
  while (!reader.at_end()) {
    Result<EdnValue> value = reader.next();
    if (!value.ok()) {
      return map_error(path, value.error().line, value.error().message);
    }
    if (first && value->kind == EdnValue::Kind::vector) {
      for (const EdnValue& map : value->items) {
        if (Status bad = add(map)) {
          return bad;
        }
      }
      if (!reader.at_end()) {
        Result<EdnValue> extra = reader.next();
        return map_error(path, extra.ok() ? extra->line : extra.error().line,
                         "text after the history's vector");
      }
      break;
    }
    first = false;
    if (Status bad = add(*value)) {
      return bad;
    }
  }
  return std::nullopt;
}

}  // namespace faultline::linearizability
