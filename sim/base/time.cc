// File: time.cc
// Parsing and formatting of simulated durations; exact decimal arithmetic, no floats.
#include "sim/base/time.h"

#include <fmt/format.h>
#include <array>

namespace faultline {
namespace {

struct UnitScale {
  std::string_view suffix;
  int64_t ns;
};

// Longest suffixes first so that "ms" is not read as "s".
constexpr std::array<UnitScale, 6> unit_scales{{{"ns", 1},
                                                {"us", 1'000},
                                                {"ms", 1'000'000},
                                                {"s", 1'000'000'000},
                                                {"m", 60'000'000'000},
                                                {"h", 3'600'000'000'000}}};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

Result<Duration> parse_duration(std::string_view text) {
  auto fail = [&](std::string_view why) {
    return Error::make(fmt::format("invalid duration '{}': {}", text, why));
  };
  if (text.empty()) {
    return fail("empty");
  }
  if (text.front() == '-') {
    return fail("negative durations are not allowed");
  }
  size_t position = 0;
  int64_t whole = 0;
  int64_t fraction = 0;
  int64_t fraction_scale = 1;
  bool has_digits = false;
  while (position < text.size() && is_digit(text[position])) {
    if (__builtin_mul_overflow(whole, 10, &whole) ||
        __builtin_add_overflow(whole, text[position] - '0', &whole)) {
      return fail("too large");
    }
    has_digits = true;
    ++position;
  }
  if (position < text.size() && text[position] == '.') {
    ++position;
    while (position < text.size() && is_digit(text[position])) {
      if (fraction_scale >= 1'000'000'000'000'000) {
        return fail("too many decimals");
      }
      fraction = fraction * 10 + (text[position] - '0');
      fraction_scale *= 10;
      has_digits = true;
      ++position;
    }
  }
  if (!has_digits) {
    return fail("expected a number followed by a unit (ns, us, ms, s, m, h)");
  }
  std::string_view suffix = text.substr(position);
  for (const UnitScale& unit : unit_scales) {
    if (suffix != unit.suffix) {
      continue;
    }
    int64_t whole_ns = 0;
    if (__builtin_mul_overflow(whole, unit.ns, &whole_ns)) {
      return fail("too large");
    }
    // fraction / fraction_scale * unit.ns must be an integer number of nanoseconds.
    __extension__ using Int128 = __int128;  // GCC and Clang; exact: 1e18 * 3.6e12 fits
    Int128 fraction_ns_scaled = static_cast<Int128>(fraction) * unit.ns;
    if (fraction_ns_scaled % fraction_scale != 0) {
      return fail("finer than 1ns");
    }
    int64_t total = 0;
    if (__builtin_add_overflow(whole_ns, static_cast<int64_t>(fraction_ns_scaled / fraction_scale),
                               &total)) {
      return fail("too large");
    }
    return Duration{total};
  }
  if (suffix.empty()) {
    return fail("missing unit (ns, us, ms, s, m, h)");
  }
  return fail(fmt::format("unknown unit '{}' (ns, us, ms, s, m, h)", suffix));
}

std::string format_duration(Duration duration) {
  if (duration.ns == 0) {
    return "0s";
  }
  std::string sign = duration.ns < 0 ? "-" : "";
  int64_t magnitude = duration.ns < 0 ? -duration.ns : duration.ns;
  // Pick the largest unit in which the value has at most 3 decimals.
  for (auto unit = unit_scales.rbegin() + 2; unit != unit_scales.rend(); ++unit) {
    // (magnitude % unit) * 1000 cannot overflow: the remainder is below 3.6e12.
    if (magnitude >= unit->ns && ((magnitude % unit->ns) * 1000) % unit->ns == 0) {
      int64_t whole = magnitude / unit->ns;
      int64_t thousandths = (magnitude % unit->ns) * 1000 / unit->ns;
      if (thousandths == 0) {
        return fmt::format("{}{}{}", sign, whole, unit->suffix);
      }
      std::string decimals = fmt::format("{:03d}", thousandths);
      while (decimals.back() == '0') {
        decimals.pop_back();
      }
      return fmt::format("{}{}.{}{}", sign, whole, decimals, unit->suffix);
    }
  }
  return fmt::format("{}{}ns", sign, magnitude);
}

std::string format_time(Time at) {
  int64_t magnitude = at.ns < 0 ? -at.ns : at.ns;
  return fmt::format("{}{}.{:09d}", at.ns < 0 ? "-" : "", magnitude / 1'000'000'000,
                     magnitude % 1'000'000'000);
}

}  // namespace faultline
