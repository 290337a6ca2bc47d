// File: violation.cc
// Formatting of violations for verdicts and logs.
#include "sim/check/violation.h"

#include <fmt/format.h>

namespace faultline {

std::string format_seconds(Time at) {
  return format_time(at) + "s";
}

std::string Violation::to_string() const {
  if (node.is_none()) {
    return fmt::format("{} at {}: {}", check, format_seconds(at), message);
  }
  return fmt::format("{} at {} on {}: {}", check, format_seconds(at), node.name(), message);
}

}  // namespace faultline
