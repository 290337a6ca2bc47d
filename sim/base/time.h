// File: time.h
// Simulated time as strong int64 nanosecond types. Owns the invariant that every arithmetic on
// simulated time is exact and overflow-checked: there is no floating-point time anywhere.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "sim/base/check.h"
#include "sim/base/result.h"

namespace faultline {

// A span of simulated time in nanoseconds; may be negative only as an intermediate value.
struct Duration {
  int64_t ns = 0;

  static constexpr Duration nanoseconds(int64_t value) { return Duration{value}; }
  static constexpr Duration microseconds(int64_t value) { return Duration{value * 1'000}; }
  static constexpr Duration milliseconds(int64_t value) { return Duration{value * 1'000'000}; }
  static constexpr Duration seconds(int64_t value) { return Duration{value * 1'000'000'000}; }
  static constexpr Duration max() { return Duration{std::numeric_limits<int64_t>::max()}; }

  friend constexpr auto operator<=>(Duration, Duration) = default;
};

// An instant of simulated time: nanoseconds since the start of the run (global time) or, for a
// node, since the start of its local clock.
struct Time {
  int64_t ns = 0;

  static constexpr Time zero() { return Time{0}; }
  static constexpr Time max() { return Time{std::numeric_limits<int64_t>::max()}; }

  friend constexpr auto operator<=>(Time, Time) = default;
};

// Checked addition: aborts through FL_CHECK on int64 overflow.
inline int64_t checked_add(int64_t left, int64_t right) {
  int64_t sum = 0;
  FL_CHECK(!__builtin_add_overflow(left, right, &sum), "time overflow: {} + {}", left, right);
  return sum;
}

inline Time operator+(Time at, Duration delta) {
  return Time{checked_add(at.ns, delta.ns)};
}
inline Time operator-(Time at, Duration delta) {
  return Time{checked_add(at.ns, -delta.ns)};
}
inline Duration operator-(Time later, Time earlier) {
  return Duration{checked_add(later.ns, -earlier.ns)};
}
inline Duration operator+(Duration left, Duration right) {
  return Duration{checked_add(left.ns, right.ns)};
}
inline Duration operator-(Duration left, Duration right) {
  return Duration{checked_add(left.ns, -right.ns)};
}
inline Duration operator*(Duration delta, int64_t factor) {
  int64_t product = 0;
  FL_CHECK(!__builtin_mul_overflow(delta.ns, factor, &product), "time overflow: {} * {}", delta.ns,
           factor);
  return Duration{product};
}

inline Duration operator/(Duration delta, int64_t divisor) {
  FL_CHECK(divisor != 0, "duration divided by zero");
  return Duration{delta.ns / divisor};
}

// Parses a duration such as "150ms", "2s", "1.5us", "250ns", "1m", "1h" (units ns, us, ms, s, m,
// h). Decimal fractions are exact: "1.5us" is 1500 ns; a fraction finer than 1 ns is an error.
// Errors: empty text, no unit, unknown unit, negative value, sub-nanosecond precision, overflow.
Result<Duration> parse_duration(std::string_view text);

// Formats a duration for humans with the largest unit that keeps it exact: "150ms", "1.5us".
std::string format_duration(Duration duration);

// Formats simulated time as seconds with 9 decimals: "12.000150000".
std::string format_time(Time at);

}  // namespace faultline
