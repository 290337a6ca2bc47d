// File: ratio.cc
// Exact parsing of probabilities.
#include "sim/base/ratio.h"

#include <fmt/format.h>
#include <charconv>
#include <numeric>

namespace faultline {
namespace {

Ratio reduce(uint64_t numerator, uint64_t denominator) {
  uint64_t divisor = std::gcd(numerator, denominator);
  if (divisor == 0) {
    return Ratio{0, 1};
  }
  return Ratio{numerator / divisor, denominator / divisor};
}

bool parse_unsigned(std::string_view text, uint64_t& out) {
  if (text.empty()) {
    return false;
  }
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

// Parses an unsigned decimal "12.345" into numerator/denominator.
bool parse_decimal(std::string_view text, uint64_t& numerator, uint64_t& denominator) {
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view decimals = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (decimals.size() > 15 || (whole.empty() && decimals.empty())) {
    return false;
  }
  uint64_t whole_value = 0;
  uint64_t decimal_value = 0;
  if (!whole.empty() && !parse_unsigned(whole, whole_value)) {
    return false;
  }
  if (!decimals.empty() && !parse_unsigned(decimals, decimal_value)) {
    return false;
  }
  denominator = 1;
  for (size_t i = 0; i < decimals.size(); ++i) {
    denominator *= 10;
  }
  if (whole_value > 1'000'000) {
    return false;
  }
  numerator = whole_value * denominator + decimal_value;
  return true;
}

}  // namespace

Result<Ratio> parse_ratio(std::string_view text) {
  auto fail = [&](std::string_view why) {
    return Error::make(fmt::format("invalid probability '{}': {}", text, why));
  };
  uint64_t numerator = 0;
  uint64_t denominator = 1;
  size_t slash = text.find('/');
  if (slash != std::string_view::npos) {
    if (!parse_unsigned(text.substr(0, slash), numerator) ||
        !parse_unsigned(text.substr(slash + 1), denominator) || denominator == 0) {
      return fail("expected a fraction a/b with b > 0");
    }
  } else if (!text.empty() && text.back() == '%') {
    if (!parse_decimal(text.substr(0, text.size() - 1), numerator, denominator)) {
      return fail("expected a percentage such as 5% or 0.1%");
    }
    denominator *= 100;
  } else if (!parse_decimal(text, numerator, denominator)) {
    return fail("expected a number between 0 and 1, such as 0.001");
  }
  if (numerator > denominator) {
    return fail("must be between 0 and 1");
  }
  return reduce(numerator, denominator);
}

std::string Ratio::to_string() const {
  if (numerator == 0) {
    return "0";
  }
  if (numerator == denominator) {
    return "1";
  }
  return fmt::format("{}/{}", numerator, denominator);
}

}  // namespace faultline
