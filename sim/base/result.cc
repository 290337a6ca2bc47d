// File: result.cc
// Formatting of operating errors for terminals.
#include "sim/base/result.h"

#include <fmt/format.h>

namespace faultline {

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("U+{:04X}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

std::string Error::to_string() const {
  return printable(unescaped_text());
}

std::string Error::unescaped_text() const {
  std::string text;
  if (!file.empty()) {
    text += file;
    if (line > 0) {
      text += fmt::format(":{}", line);
    }
    text += ": ";
  }
  if (!key.empty()) {
    text += fmt::format("key '{}': ", key);
  }
  text += message;
  return text;
}

}  // namespace faultline
