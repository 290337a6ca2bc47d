// File: shell_quote.h
// Quoting for the commands faultline prints for the user to paste (replay lines): a word made only
// of characters a POSIX shell leaves alone stays as it is, anything else is single-quoted.
#pragma once

#include <string>
#include <string_view>

namespace faultline {

std::string shell_quote(std::string_view word);

}  // namespace faultline
