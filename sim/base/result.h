// File: result.h
// Operating errors as values (STYLE.md 5): bad YAML, unknown keys, unreadable files. An Error
// carries the file, line and key it is about; a Result<T> holds either a T or an Error.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace faultline {

// An operating error. `file` and `key` may be empty and `line` 0 when unknown (1-based lines).
struct Error {
  std::string message;
  std::string file;
  int line = 0;
  std::string key;

  static Error make(std::string message) { return Error{std::move(message), "", 0, ""}; }
  // "scenario.yaml:12: key 'network.loss': must be between 0 and 1", with control characters
  // shown as U+XXXX (the text goes to terminals).
  std::string to_string() const;
  // The same without that escaping.
  std::string unescaped_text() const;
};

// Holds a value or an Error. Access to the wrong alternative is a programmer error (FL_CHECK).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const Error& error() const { return std::get<1>(state_); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> state_;
};

// `text` with every control character shown as U+XXXX: for echoing user input (a key, a path, a
// value) to a terminal.
std::string printable(std::string_view text);

// For operations that return nothing but may fail.
using Status = std::optional<Error>;

}  // namespace faultline
