// File: shell_quote.cc
#include "tools/shell_quote.h"

namespace faultline {

std::string shell_quote(std::string_view word) {
  bool is_plain = !word.empty() && word.find_first_not_of(
                                       "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                       "0123456789_./:=@%+,-") == std::string_view::npos;
  if (is_plain) {
    return std::string(word);
  }
  std::string quoted = "'";
  for (char c : word) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

}  // namespace faultline
