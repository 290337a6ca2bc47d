// File: value_parsers.cc
// Bandwidths, sizes, signed durations, signed integers and per-second rates, exactly.
#include "sim/scenario/value_parsers.h"

#include <fmt/format.h>
#include <array>
#include <charconv>
#include <numeric>

namespace faultline {
namespace {

struct Unit {
  std::string_view suffix;
  uint64_t multiplier;  // bytes (or bits, for bit units) per unit
  bool bits;
};

// Longest suffixes first where one ends another ("KiB/s" before "B/s", "Kbps" before "bps").
constexpr std::array<Unit, 11> bandwidth_units{{{"KiB/s", uint64_t{1} << 10, false},
                                                {"MiB/s", uint64_t{1} << 20, false},
                                                {"GiB/s", uint64_t{1} << 30, false},
                                                {"KB/s", 1'000, false},
                                                {"MB/s", 1'000'000, false},
                                                {"GB/s", 1'000'000'000, false},
                                                {"B/s", 1, false},
                                                {"Kbps", 1'000, true},
                                                {"Mbps", 1'000'000, true},
                                                {"Gbps", 1'000'000'000, true},
                                                {"bps", 1, true}}};

constexpr std::array<Unit, 7> size_units{{{"KiB", uint64_t{1} << 10, false},
                                          {"MiB", uint64_t{1} << 20, false},
                                          {"GiB", uint64_t{1} << 30, false},
                                          {"KB", 1'000, false},
                                          {"MB", 1'000'000, false},
                                          {"GB", 1'000'000'000, false},
                                          {"B", 1, false}}};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Digits only, the whole text, no overflow.
bool parse_digits(std::string_view text, uint64_t& out) {
  if (text.empty() || !is_digit(text.front())) {
    return false;
  }
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

// Splits "<digits><unit>" against `units`; the first unit that ends the text wins (the arrays
// list longer suffixes first).
template <size_t count>
const Unit* split_unit(std::string_view text, const std::array<Unit, count>& units,
                       uint64_t& number, bool& number_ok) {
  for (const Unit& unit : units) {
    if (text.size() > unit.suffix.size() && text.ends_with(unit.suffix)) {
      number_ok = parse_digits(text.substr(0, text.size() - unit.suffix.size()), number);
      return &unit;
    }
  }
  return nullptr;
}

}  // namespace

Result<uint64_t> parse_bandwidth(std::string_view text) {
  auto fail = [&](std::string_view why) {
    return Error::make(fmt::format("invalid bandwidth '{}': {}", text, why));
  };
  uint64_t number = 0;
  bool number_ok = false;
  const Unit* unit = split_unit(text, bandwidth_units, number, number_ok);
  if (unit == nullptr) {
    return fail(
        "expected a whole number and a unit: bps, Kbps, Mbps, Gbps (bits/s) or B/s, KB/s, MB/s, "
        "GB/s, KiB/s, MiB/s, GiB/s (bytes/s)");
  }
  if (!number_ok) {
    return fail("expected a whole number before the unit, such as 100Mbps or 125MB/s");
  }
  uint64_t scaled = 0;
  if (__builtin_mul_overflow(number, unit->multiplier, &scaled)) {
    return fail("too large");
  }
  if (scaled == 0) {
    return fail("must be greater than 0");
  }
  if (unit->bits && scaled % 8 != 0) {
    return fail(
        fmt::format("{} bits/s is not a whole number of bytes/s (a multiple of 8)", scaled));
  }
  return unit->bits ? scaled / 8 : scaled;
}

Result<uint64_t> parse_size(std::string_view text) {
  auto fail = [&](std::string_view why) {
    return Error::make(fmt::format("invalid size '{}': {}", text, why));
  };
  uint64_t number = 0;
  bool number_ok = false;
  const Unit* unit = split_unit(text, size_units, number, number_ok);
  if (unit == nullptr) {
    return fail("expected a whole number and a unit: B, KB, MB, GB, KiB, MiB, GiB");
  }
  if (!number_ok) {
    return fail("expected a whole number before the unit, such as 4MiB or 64KB");
  }
  uint64_t scaled = 0;
  if (__builtin_mul_overflow(number, unit->multiplier, &scaled)) {
    return fail("too large");
  }
  if (scaled == 0) {
    return fail("must be greater than 0");
  }
  return scaled;
}

Result<Duration> parse_signed_duration(std::string_view text) {
  bool negative = !text.empty() && text.front() == '-';
  std::string_view magnitude = negative ? text.substr(1) : text;
  if (!magnitude.empty() && magnitude.front() == '-') {
    return Error::make(fmt::format("invalid duration '{}': expected at most one '-'", text));
  }
  Result<Duration> value = parse_duration(magnitude);
  if (!value) {
    return value.error();  // names the text without its sign; the field error shows the whole
  }
  return negative ? Duration{-value->ns} : *value;
}

Result<int64_t> parse_signed_integer(std::string_view text, int64_t limit) {
  bool negative = !text.empty() && text.front() == '-';
  uint64_t magnitude = 0;
  if (!parse_digits(negative ? text.substr(1) : text, magnitude) ||
      magnitude > static_cast<uint64_t>(limit)) {
    return Error::make(
        fmt::format("expected an integer from -{} to {}, got '{}'", limit, limit, text));
  }
  int64_t value = static_cast<int64_t>(magnitude);
  return negative ? -value : value;
}

Result<Ratio> parse_rate_per_second(std::string_view text, uint64_t max_per_second) {
  auto fail = [&]() {
    return Error::make(fmt::format(
        "expected a rate such as 0.5/s or 2/s (0/s to {}/s, at most 9 decimals), got '{}'",
        max_per_second, text));
  };
  if (!text.ends_with("/s")) {
    return fail();
  }
  std::string_view number = text.substr(0, text.size() - 2);
  size_t dot = number.find('.');
  std::string_view whole = number.substr(0, dot);
  std::string_view decimals = dot == std::string_view::npos ? "" : number.substr(dot + 1);
  uint64_t whole_value = 0;
  uint64_t decimal_value = 0;
  if (!parse_digits(whole, whole_value) || whole_value > max_per_second ||
      (dot != std::string_view::npos && !parse_digits(decimals, decimal_value)) ||
      decimals.size() > 9) {
    return fail();
  }
  uint64_t denominator = 1;
  for (size_t index = 0; index < decimals.size(); ++index) {
    denominator *= 10;
  }
  // whole_value <= max_per_second (small) and denominator <= 1e9: no overflow.
  uint64_t numerator = whole_value * denominator + decimal_value;
  if (numerator > max_per_second * denominator) {
    return fail();
  }
  uint64_t divisor = std::gcd(numerator, denominator);
  return numerator == 0 ? Ratio::zero() : Ratio{numerator / divisor, denominator / divisor};
}

}  // namespace faultline
