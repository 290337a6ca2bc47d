// File: edn.h
// A reader for the subset of EDN (extensible data notation, the Clojure data format) that Jepsen
// histories use: maps, vectors, lists, sets, keywords, strings, integers, symbols, nil and
// booleans; commas are whitespace and `;` starts a comment. Each value remembers the line it
// starts on. Errors are values with the line; nesting is bounded (STYLE.md 7).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/base/result.h"

namespace faultline::linearizability {

struct EdnValue {
  enum class Kind : uint8_t { nil, boolean, integer, number, string, keyword, symbol, vector, map };

  Kind kind = Kind::nil;
  // boolean: "true" / "false"; integer and number: the digits as written; string: the contents
  // unescaped; keyword: the name without ':'; symbol: the name.
  std::string text;
  // vector (and list, set): the elements; map: keys and values alternating.
  std::vector<EdnValue> items;
  int line = 0;  // 1-based

  // map: the value under keyword `name`, or nullptr.
  const EdnValue* find(std::string_view keyword) const;
};

// The Kind's name for messages: "a map", "a keyword"...
std::string_view edn_kind_name(EdnValue::Kind kind);
// The value as EDN text again (for messages).
std::string edn_text(const EdnValue& value);

class EdnReader {
 public:
  // `first_line`: the line number of the first character of `text`.
  explicit EdnReader(std::string_view text, int first_line = 1);

  // True when only whitespace and comments remain.
  bool at_end();
  // The next top-level value. Errors carry the line (the caller adds the file).
  Result<EdnValue> next();

 private:
  Result<EdnValue> read_value(int depth);
  Result<EdnValue> read_collection(char close, EdnValue::Kind kind, int depth);
  Result<EdnValue> read_string();
  EdnValue read_token();
  void skip_whitespace();
  Error error_here(std::string message) const;

  std::string_view text_;
  size_t position_ = 0;
  int line_;
};

}  // namespace faultline::linearizability
