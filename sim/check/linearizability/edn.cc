// File: edn.cc
// A recursive-descent EDN reader over a string_view, counting lines as it goes.
#include "sim/check/linearizability/edn.h"

#include <fmt/format.h>

namespace faultline::linearizability {

namespace {

constexpr int max_depth = 64;

bool is_delimiter(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '(' || c == ')' ||
         c == '[' || c == ']' || c == '{' || c == '}' || c == '"' || c == ';';
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

const EdnValue* EdnValue::find(std::string_view keyword) const {
  if (kind != Kind::map) {
    return nullptr;
  }
  for (size_t index = 0; index + 1 < items.size(); index += 2) {
    if (items[index].kind == Kind::keyword && items[index].text == keyword) {
      return &items[index + 1];
    }
  }
  return nullptr;
}

std::string_view edn_kind_name(EdnValue::Kind kind) {
  switch (kind) {
    case EdnValue::Kind::nil:
      return "nil";
    case EdnValue::Kind::boolean:
      return "a boolean";
    case EdnValue::Kind::integer:
      return "an integer";
    case EdnValue::Kind::number:
      return "a number";
    case EdnValue::Kind::string:
      return "a string";
    case EdnValue::Kind::keyword:
      return "a keyword";
    case EdnValue::Kind::symbol:
      return "a symbol";
    case EdnValue::Kind::vector:
      return "a vector";
    case EdnValue::Kind::map:
      return "a map";
  }
  return "?";
}

std::string edn_text(const EdnValue& value) {
  switch (value.kind) {
    case EdnValue::Kind::nil:
      return "nil";
    case EdnValue::Kind::string:
      return quote(value.text);
    case EdnValue::Kind::keyword:
      return ":" + value.text;
    case EdnValue::Kind::vector:
    case EdnValue::Kind::map: {
      std::string text = value.kind == EdnValue::Kind::vector ? "[" : "{";
      for (size_t index = 0; index < value.items.size(); ++index) {
        text += (index == 0 ? "" : " ") + edn_text(value.items[index]);
      }
      return text + (value.kind == EdnValue::Kind::vector ? "]" : "}");
    }
    default:
      return value.text;
  }
}

EdnReader::EdnReader(std::string_view text, int first_line) : text_(text), line_(first_line) {}

Error EdnReader::error_here(std::string message) const {
  Error error = Error::make(std::move(message));
  error.line = line_;
  return error;
}

void EdnReader::skip_whitespace() {
  while (position_ < text_.size()) {
    char c = text_[position_];
    if (c == '\n') {
      ++line_;
    } else if (c == ';') {
      while (position_ < text_.size() && text_[position_] != '\n') {
        ++position_;
      }
      continue;
    } else if (c != ' ' && c != '\t' && c != '\r' && c != ',') {
      return;
    }
    ++position_;
  }
}

bool EdnReader::at_end() {
  skip_whitespace();
  return position_ >= text_.size();
}

Result<EdnValue> EdnReader::next() {
  if (at_end()) {
    return error_here("expected a value, found the end of the input");
  }
  return read_value(0);
}

Result<EdnValue> EdnReader::read_value(int depth) {
  if (depth > max_depth) {
    return error_here(fmt::format("nested deeper than {} levels", max_depth));
  }
  skip_whitespace();
  if (position_ >= text_.size()) {
    return error_here("unexpected end of input");
  }
  char c = text_[position_];
  switch (c) {
    case '[':
      ++position_;
      return read_collection(']', EdnValue::Kind::vector, depth);
    case '(':
      ++position_;
      return read_collection(')', EdnValue::Kind::vector, depth);
    case '{':
      ++position_;
      return read_collection('}', EdnValue::Kind::map, depth);
    case '#':
      if (position_ + 1 < text_.size() && text_[position_ + 1] == '{') {
        position_ += 2;
        return read_collection('}', EdnValue::Kind::vector, depth);
      }
      return error_here("tagged values (#...) are not supported");
    case '"':
      return read_string();
    case ']':
    case ')':
    case '}':
      return error_here(fmt::format("unexpected '{}'", c));
    default:
      return read_token();
  }
}

Result<EdnValue> EdnReader::read_collection(char close, EdnValue::Kind kind, int depth) {
  EdnValue collection;
  collection.kind = kind;
  collection.line = line_;
  while (true) {
    skip_whitespace();
    if (position_ >= text_.size()) {
      Error error =
          Error::make(fmt::format("missing '{}': the collection opened here is not closed", close));
      error.line = collection.line;
      return error;
    }
    if (text_[position_] == close) {
      ++position_;
      break;
    }
    Result<EdnValue> item = read_value(depth + 1);
    if (!item.ok()) {
      return item.error();
    }
    collection.items.push_back(std::move(*item));
  }
  if (kind == EdnValue::Kind::map && collection.items.size() % 2 != 0) {
    Error error = Error::make("a map needs an even number of forms (a value for every key)");
    error.line = collection.line;
    return error;
  }
  if (kind == EdnValue::Kind::map) {
    // EDN forbids a repeated key; which of the two values was meant could not be told.
    for (size_t key = 0; key < collection.items.size(); key += 2) {
      for (size_t other = key + 2; other < collection.items.size(); other += 2) {
        const EdnValue& a = collection.items[key];
        const EdnValue& b = collection.items[other];
        if (a.kind == b.kind && a.text == b.text && a.items.empty() && b.items.empty()) {
          Error error =
              Error::make(fmt::format("a map with the key {}{} twice",
                                      a.kind == EdnValue::Kind::keyword ? ":" : "", a.text));
          error.line = b.line;
          return error;
        }
      }
    }
  }
  return collection;
}

Result<EdnValue> EdnReader::read_string() {
  EdnValue value;
  value.kind = EdnValue::Kind::string;
  value.line = line_;
  ++position_;  // the opening quote
  while (position_ < text_.size() && text_[position_] != '"') {
    char c = text_[position_++];
    if (c == '\n') {
      ++line_;
    }
    if (c != '\\') {
      value.text += c;
      continue;
    }
    if (position_ >= text_.size()) {
      break;
    }
    char escaped = text_[position_++];
    switch (escaped) {
      case 'n':
        value.text += '\n';
        break;
      case 't':
        value.text += '\t';
        break;
      case 'r':
        value.text += '\r';
        break;
      case '"':
      case '\\':
        value.text += escaped;
        break;
      default:
        return error_here(fmt::format("unknown string escape '\\{}'", escaped));
    }
  }
  if (position_ >= text_.size()) {
    Error error = Error::make("unterminated string");
    error.line = value.line;
    return error;
  }
  ++position_;  // the closing quote
  return value;
}

EdnValue EdnReader::read_token() {
  EdnValue value;
  value.line = line_;
  size_t start = position_;
  while (position_ < text_.size() && !is_delimiter(text_[position_])) {
    ++position_;
  }
  std::string_view token = text_.substr(start, position_ - start);
  if (token[0] == ':') {
    value.kind = EdnValue::Kind::keyword;
    value.text = token.substr(1);
    return value;
  }
  value.text = token;
  if (token == "nil") {
    value.kind = EdnValue::Kind::nil;
  } else if (token == "true" || token == "false") {
    value.kind = EdnValue::Kind::boolean;
  } else if (is_digit(token[0]) ||
             ((token[0] == '-' || token[0] == '+') && token.size() > 1 && is_digit(token[1]))) {
    bool integer = true;
    for (size_t index = 1; index < token.size(); ++index) {
      integer = integer && is_digit(token[index]);
    }
    value.kind = integer ? EdnValue::Kind::integer : EdnValue::Kind::number;
    if (integer && token[0] == '+') {
      value.text = token.substr(1);
    }
  } else {
    value.kind = EdnValue::Kind::symbol;
  }
  return value;
}

}  // namespace faultline::linearizability
