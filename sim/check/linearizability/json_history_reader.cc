// File: json_history_reader.cc
// faultline's JSON history (docs/linearizability.md): an array of operation objects, one per
// line, with Jepsen's field names ("process", "type", "f", "key", "value", "time", "index");
// JSON Lines (one object per line, no array) is accepted too. Parsed with nlohmann-json; each
// object's line is found by a scan of the text, since the parser keeps no positions.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "sim/check/linearizability/format_readers.h"

namespace faultline::linearizability {

namespace {

using Json = nlohmann::json;

constexpr int max_depth = 64;

Error json_error(std::string_view path, int line, std::string message) {
  Error error = Error::make(std::move(message));
  error.file = path;
  error.line = line;
  return error;
}

int line_of_byte(std::string_view text, size_t byte) {
  byte = std::min(byte, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + byte, '\n'));
}

// The lines on which the objects at `depth` (1: inside the top array; 0: JSON Lines) open.
std::vector<int> object_lines(std::string_view text, int depth) {
  std::vector<int> lines;
  int line = 1;
  int level = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (c == '\n') {
      ++line;
    }
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (c == '{' && level == depth) {
        lines.push_back(line);
      }
      ++level;
    } else if (c == '}' || c == ']') {
      --level;
    }
  }
  return lines;
}

// A JSON value in EDN terms: object keys become keywords.
Result<EdnValue> to_edn(const Json& json, int line, int depth) {
  EdnValue value;
  value.line = line;
  if (depth > max_depth) {
    return Error::make(fmt::format("nested deeper than {} levels", max_depth));
  }
  if (json.is_null()) {
    value.kind = EdnValue::Kind::nil;
  } else if (json.is_boolean()) {
    value.kind = EdnValue::Kind::boolean;
    value.text = json.get<bool>() ? "true" : "false";
  } else if (json.is_number_integer()) {
    value.kind = EdnValue::Kind::integer;
    value.text = json.dump();
  } else if (json.is_number()) {
    value.kind = EdnValue::Kind::number;
    value.text = json.dump();
  } else if (json.is_string()) {
    value.kind = EdnValue::Kind::string;
    value.text = json.get<std::string>();
  } else {
    value.kind = json.is_array() ? EdnValue::Kind::vector : EdnValue::Kind::map;
    for (const auto& [key, item] : json.items()) {
      if (json.is_object()) {
        EdnValue keyword;
        keyword.kind = EdnValue::Kind::keyword;
        keyword.text = key;
        keyword.line = line;
        value.items.push_back(std::move(keyword));
      }
      Result<EdnValue> converted = to_edn(item, line, depth + 1);
      if (!converted.ok()) {
        return converted.error();
      }
      value.items.push_back(std::move(*converted));
    }
  }
  return value;
}

Status add_object(const Json& object, int line, std::string_view path, HistoryBuilder& builder) {
  if (!object.is_object()) {
    return json_error(path, line,
                      fmt::format("expected an operation object, found {}", object.type_name()));
  }
  Result<EdnValue> map = to_edn(object, line, 0);
  if (!map.ok()) {
    return json_error(path, line, map.error().message);
  }
  HistoryEvent event;
  bool skip = false;
  if (Status bad = event_from_op_map(*map, path, event, skip)) {
    return bad;
  }
  return skip ? std::nullopt : builder.add(event);
}

Result<Json> parse(std::string_view text, std::string_view path, int first_line) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& error) {
    int line = first_line - 1 + line_of_byte(text, error.byte == 0 ? 0 : error.byte - 1);
    std::string message = error.what();
    // nlohmann's text starts "[json.exception.parse_error.101] parse error at line 1, column 5:"
    size_t colon = message.find(": ", message.find("parse error"));
    return json_error(
        path, line,
        "bad JSON: " + (colon == std::string::npos ? message : message.substr(colon + 2)));
  }
}

}  // namespace

Status read_json_history(std::string_view text, std::string_view path, HistoryBuilder& builder) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') {
    // JSON Lines: one object per line.
    int line = 0;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = std::min(text.find('\n', start), text.size());
      std::string_view content = text.substr(start, end - start);
      start = end + 1;
      ++line;
      if (content.find_first_not_of(" \t\r") == std::string_view::npos) {
        continue;
      }
      Result<Json> object = parse(content, path, line);
      if (!object.ok()) {
        return object.error();
      }
      if (Status bad = add_object(*object, line, path, builder)) {
        return bad;
      }
    }
    return std::nullopt;
  }
  Result<Json> document = parse(text, path, 1);
  if (!document.ok()) {
    return document.error();
  }
  if (!document->is_array()) {
    return json_error(path, 1, "expected an array of operation objects");
  }
  std::vector<int> lines = object_lines(text, 1);
  for (size_t index = 0; index < document->size(); ++index) {
    int line = index < lines.size() ? lines[index] : 0;
    if (Status bad = add_object((*document)[index], line, path, builder)) {
      return bad;
    }
  }
  return std::nullopt;
}

}  // namespace faultline::linearizability
