// File: operation.cc
// Names of functions and the one-line rendering of an operation for verdicts.
#include "sim/check/linearizability/operation.h"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace faultline::linearizability {

namespace {

constexpr std::array<std::pair<Function, std::string_view>, 8> function_names{{
    {Function::read, "read"},
    {Function::write, "write"},
    {Function::cas, "cas"},
    {Function::get, "get"},
    {Function::put, "put"},
    {Function::append, "append"},
    {Function::acquire, "acquire"},
    {Function::release, "release"},
}};

bool is_integer(std::string_view text) {
  size_t start = (!text.empty() && text[0] == '-') ? 1 : 0;
  if (start == text.size() || text.size() > 20) {
    return false;
  }
  for (size_t i = start; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
  }
  return true;
}

// The arguments and result of an operation as Jepsen would print them.
std::string format_call(const Operation& operation) {
  std::string text{function_name(operation.function)};
  if (!operation.key.empty()) {
    text += " key " + format_value(Value{operation.key}, /*quote_numbers=*/true);
  }
  switch (operation.function) {
    case Function::read:
    case Function::get:
      if (operation.status == OperationStatus::ok) {
        text += " -> " + format_value(operation.output);
      }
      break;
    case Function::write:
    case Function::put:
    case Function::append:
      text += " " + format_value(operation.input);
      break;
    case Function::cas:
      text +=
          fmt::format(" [{} {}]", format_value(operation.input), format_value(operation.input_to));
      break;
    case Function::acquire:
    case Function::release:
      break;
  }
  return text;
}

std::string_view status_name(OperationStatus status) {
  switch (status) {
    case OperationStatus::ok:
      return "ok";
    case OperationStatus::failed:
      return "failed";
    case OperationStatus::indeterminate:
      return "indeterminate";
  }
  return "?";
}

// "call 1200000ns (line 3)", "call line 3", or "call 5" (an order key of a history built in code).
std::string format_end(std::string_view what, int64_t order, std::optional<int64_t> time_ns,
                       int line) {
  std::string text{what};
  if (time_ns) {
    text += fmt::format(" {}ns", *time_ns);
    if (line > 0) {
      text += fmt::format(" (line {})", line);
    }
  } else if (line > 0) {
    text += fmt::format(" line {}", line);
  } else {
    text += fmt::format(" {}", order);
  }
  return text;
}

}  // namespace

std::string_view function_name(Function function) {
  for (const auto& [candidate, name] : function_names) {
    if (candidate == function) {
      return name;
    }
  }
  return "?";
}

std::optional<Function> parse_function(std::string_view name) {
  for (const auto& [function, candidate] : function_names) {
    if (candidate == name) {
      return function;
    }
  }
  return std::nullopt;
}

std::string format_value(const Value& value, bool quote_numbers) {
  if (!value) {
    return "nil";
  }
  if (!quote_numbers && is_integer(*value)) {
    return *value;
  }
  std::string text = "\"";
  for (char c : *value) {
    if (c == '"' || c == '\\') {
      text += '\\';
      text += c;
    } else if (c == '\n') {
      text += "\\n";
    } else if (c == '\t') {
      text += "\\t";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      text += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    } else {
      text += c;
    }
  }
  text += '"';
  return text;
}

std::string format_operation(const Operation& operation) {
  std::string text = fmt::format("process {} {} {}, ", operation.process, format_call(operation),
                                 status_name(operation.status));
  text += format_end("call", operation.call, operation.call_time_ns, operation.call_line);
  text += ", ";
  if (operation.ret == open_return) {
    text += "return open";
    if (operation.return_line > 0) {
      text += fmt::format(" (timed out at line {})", operation.return_line);
    }
  } else {
    text += format_end("return", operation.ret, operation.return_time_ns, operation.return_line);
  }
  return text;
}

}  // namespace faultline::linearizability
