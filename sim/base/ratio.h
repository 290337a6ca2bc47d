// File: ratio.h
// Probabilities as exact integer ratios (STYLE.md 4): "0.001" is 1/1000, never a double, so that
// a decision drawn from a stream is the same on every compiler and optimisation level.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/base/result.h"

namespace faultline {

// A probability numerator/denominator in 0..1 (numerator <= denominator, denominator > 0).
struct Ratio {
  uint64_t numerator = 0;
  uint64_t denominator = 1;

  static constexpr Ratio zero() { return Ratio{0, 1}; }
  static constexpr Ratio one() { return Ratio{1, 1}; }
  bool is_zero() const { return numerator == 0; }
  std::string to_string() const;
};

// Parses "0.001", "1", "0", "1/1000" or "5%". Errors: not a number, outside 0..1, more than 15
// decimals.
Result<Ratio> parse_ratio(std::string_view text);

}  // namespace faultline
