// File: jepsen_log_reader.cc
// Jepsen's console log of operations, as in the etcd histories of porcupine's test data: every
// non-blank line is `<LEVEL> jepsen.util - <process> <type> <f> <value>`, fields separated by
// tabs or spaces; the value is the rest of the line, in EDN (`nil`, `3`, `[3 0]`, `:timed-out`).
// Lines of the nemesis (a keyword process such as :nemesis) are skipped; any other process that is
// not a 64-bit integer is bad input.
#include <fmt/format.h>

#include <charconv>

#include "sim/check/linearizability/format_readers.h"

namespace faultline::linearizability {

namespace {

constexpr std::string_view marker = "jepsen.util - ";

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

// The next field separated by spaces or tabs; removes it from `rest`.
std::string_view next_field(std::string_view& rest) {
  rest = trim(rest);
  size_t end = 0;
  while (end < rest.size() && !is_space(rest[end])) {
    ++end;
  }
  std::string_view field = rest.substr(0, end);
  rest.remove_prefix(end);
  return field;
}

Error line_error(std::string_view path, int line, std::string message) {
  Error error = Error::make(std::move(message));
  error.file = path;
  error.line = line;
  return error;
}

// One line after the marker; `skip` is set for nemesis lines.
Status read_line(std::string_view rest, std::string_view path, int line, HistoryEvent& event,
                 bool& skip) {
  std::string_view process = next_field(rest);
  std::string_view type = next_field(rest);
  std::string_view function = next_field(rest);
  std::string_view value = trim(rest);
  if (process.empty() || type.empty() || function.empty()) {
    return line_error(path, line, "expected `<process> <type> <f> <value>` after 'jepsen.util - '");
  }
  auto [end, parse_error] =
      std::from_chars(process.data(), process.data() + process.size(), event.process);
  if (process.front() == ':') {
    skip = true;  // :nemesis and other named processes that are not clients
    return std::nullopt;
  }
  if (parse_error != std::errc{} || end != process.data() + process.size()) {
    return line_error(path, line,
                      fmt::format("process '{}' is neither a client's integer nor a keyword such "
                                  "as :nemesis",
                                  printable(process)));
  }
  std::optional<HistoryEvent::Type> parsed_type;
  if (type.front() == ':') {
    parsed_type = parse_event_type(type.substr(1));
  }
  if (!parsed_type) {
    return line_error(path, line,
                      fmt::format("unknown type '{}' (expected :invoke, :ok, :fail or "
                                  ":info)",
                                  printable(type)));
  }
  if (function.front() != ':') {
    return line_error(path, line,
                      fmt::format("the function '{}' is not a keyword", printable(function)));
  }
  event.type = *parsed_type;
  event.function = function.substr(1);
  event.line = line;
  EdnReader reader(value.empty() ? std::string_view{"nil"} : value, line);
  Result<EdnValue> parsed = reader.next();
  if (!parsed.ok() || !reader.at_end()) {
    std::string why = parsed.ok() ? "more than one value" : parsed.error().message;
    return line_error(path, line, fmt::format("bad value '{}': {}", printable(value), why));
  }
  event.value = std::move(*parsed);
  return std::nullopt;
}

}  // namespace

Status read_jepsen_log(std::string_view text, std::string_view path, HistoryBuilder& builder) {
  int line = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view content = text.substr(start, end - start);
    start = end + 1;
    ++line;
    if (trim(content).empty()) {
      continue;
    }
    size_t at = content.find(marker);
    if (at == std::string_view::npos) {
      return line_error(path, line,
                        "not a Jepsen log line (`INFO  jepsen.util - <process> "
                        "<type> <f> <value>`)");
    }
    HistoryEvent event;
    bool skip = false;
    if (Status bad = read_line(content.substr(at + marker.size()), path, line, event, skip)) {
      return bad;
    }
    if (skip) {
      continue;
    }
    if (Status bad = builder.add(event)) {
      return bad;
    }
  }
  return std::nullopt;
}

}  // namespace faultline::linearizability
