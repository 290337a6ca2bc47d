// File: trace_reader.cc
#include "tools/trace_reader.h"

#include <fmt/format.h>
#include <cerrno>
#include <charconv>
#include <cstring>

namespace faultline {
namespace {

bool is_name_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// A run of name characters at the start of `text`, consumed; empty when there is none.
std::string_view take_name(std::string_view& text) {
  size_t length = 0;
  while (length < text.size() && is_name_character(text[length])) {
    ++length;
  }
  std::string_view name = text.substr(0, length);
  text.remove_prefix(length);
  return name;
}

// An integer (optionally negative) at the start of `text`, consumed.
std::optional<int64_t> take_integer(std::string_view& text) {
  int64_t value = 0;
  auto [next, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{}) {
    return std::nullopt;
  }
  text.remove_prefix(static_cast<size_t>(next - text.data()));
  return value;
}

std::optional<int64_t> whole_integer(std::string_view text) {
  std::optional<int64_t> value = take_integer(text);
  if (!value || !text.empty()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::optional<std::string_view> TraceRecord::text(std::string_view key) const {
  for (const Field& field : fields) {
    if (field.key == key) {
      return field.value;
    }
  }
  return std::nullopt;
}

std::optional<int64_t> TraceRecord::number(std::string_view key) const {
  std::optional<std::string_view> value = text(key);
  if (!value) {
    return std::nullopt;
  }
  return whole_integer(*value);
}

std::optional<NodeId> parse_trace_node(std::string_view name) {
  if (name == "-") {
    return NodeId::none();
  }
  if (name.size() < 2 || (name[0] != 'n' && name[0] != 'c') || name[1] == '0') {
    return std::nullopt;
  }
  uint32_t number = 0;
  const char* end = name.data() + name.size();
  auto [next, error] = std::from_chars(name.data() + 1, end, number);
  if (error != std::errc{} || next != end || number == 0 || number >= NodeId::client_id_base) {
    return std::nullopt;
  }
  return name[0] == 'n' ? NodeId::server(number) : NodeId::client(number);
}

std::optional<std::string> parse_trace_line(std::string_view line, TraceRecord& record) {
  std::string_view rest = line;
  record.fields.clear();
  std::optional<int64_t> time = take_integer(rest);
  if (!time || *time < 0 || line[0] == '-') {
    return std::string("expected the simulated time in ns at the start");
  }
  record.time_ns = *time;
  if (rest.empty() || rest[0] != ' ') {
    return std::string("expected a space after the time");
  }
  rest.remove_prefix(1);
  size_t node_end = rest.find_first_of(" @");
  std::string_view node_name = rest.substr(0, node_end);
  std::optional<NodeId> node = parse_trace_node(node_name);
  if (!node) {
    return fmt::format("expected a node (n1, c1 or -), found '{}'", printable(node_name));
  }
  record.node = *node;
  record.node_name = node_name;
  rest.remove_prefix(node_name.size());
  record.local_ns.reset();
  if (!rest.empty() && rest[0] == '@') {
    rest.remove_prefix(1);
    record.local_ns = take_integer(rest);
    if (!record.local_ns || node->is_none()) {
      return std::string("expected the node's local time in ns after '@'");
    }
  }
  if (rest.empty() || rest[0] != ' ') {
    return std::string("expected a space after the node");
  }
  rest.remove_prefix(1);
  record.component = take_name(rest);
  if (record.component.empty() || rest.empty() || rest[0] != '.') {
    return std::string("expected <component>.<event> after the node");
  }
  rest.remove_prefix(1);
  record.event = take_name(rest);
  if (record.event.empty()) {
    return std::string("expected <component>.<event> after the node");
  }
  while (!rest.empty()) {
    if (rest[0] != ' ') {
      return fmt::format("unexpected '{}' after {}.{}", printable(rest.substr(0, 1)),
                         record.component, record.event);
    }
    rest.remove_prefix(1);
    std::string_view key = take_name(rest);
    if (key.empty() || rest.empty() || rest[0] != '=') {
      return std::string("expected key=value");
    }
    rest.remove_prefix(1);
    std::string_view value;
    if (!rest.empty() && rest[0] == '"') {
      size_t close = rest.find('"', 1);
      if (close == std::string_view::npos) {
        return fmt::format("field '{}': unterminated quoted text", key);
      }
      value = rest.substr(1, close - 1);
      rest.remove_prefix(close + 1);
    } else {
      value = rest.substr(0, rest.find(' '));
      rest.remove_prefix(value.size());
      if (value.empty()) {
        return fmt::format("field '{}': empty value", key);
      }
    }
    record.fields.push_back(TraceRecord::Field{key, value});
  }
  return std::nullopt;
}

Result<TraceReader> TraceReader::open(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    return Error{std::string("cannot open the trace: ") + std::strerror(errno), path, 0, ""};
  }
  return TraceReader(path, std::move(stream));
}

Result<bool> TraceReader::next(TraceRecord& record) {
  if (!std::getline(stream_, line_)) {
    if (stream_.bad()) {
      return Error{"cannot read the trace", path_, static_cast<int>(line_number_ + 1), ""};
    }
    return false;
  }
  ++line_number_;
  std::optional<std::string> problem = parse_trace_line(line_, record);
  if (problem) {
    return Error{"not a canonical trace line: " + *problem, path_, static_cast<int>(line_number_),
                 ""};
  }
  return true;
}

}  // namespace faultline
