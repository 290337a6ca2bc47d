// File: rng.cc
// Seeding, stream derivation and the conversion of Boost.Random's floating distributions to
// integer nanoseconds (the single place where floats touch simulated time).
#include "sim/base/rng.h"

#include <fmt/format.h>
#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <charconv>
#include <cmath>

namespace faultline {
namespace {

// z such that P(Z <= z) = 0.99 for a standard normal variable.
constexpr double normal_quantile_p99 = 2.3263478740408408;

Duration round_to_ns(double value_ns) {
  FL_CHECK(std::isfinite(value_ns) && value_ns >= 0, "bad duration draw {}", value_ns);
  if (value_ns >= 9.0e18) {
    return Duration{static_cast<int64_t>(9.0e18)};
  }
  return Duration{std::llround(value_ns)};
}

}  // namespace

uint64_t fnv1a(std::string_view bytes) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

uint64_t mix64(uint64_t value) {
  value += 0x9e3779b97f4a7c15ull;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ull;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebull;
  return value ^ (value >> 31);
}

Rng::Rng(uint64_t seed) {
  uint64_t chain = seed;
  for (uint64_t& word : state_) {
    chain = mix64(chain);
    word = chain;
  }
  // xoshiro must not start from the all-zero state; mix64 of a chain never yields four zeros in
  // practice, but keep the guarantee explicit.
  if ((state_[0] | state_[1] | state_[2] | state_[3]) == 0) {
    state_[0] = 1;
  }
}

uint64_t Rng::uniform(uint64_t low, uint64_t high) {
  FL_CHECK(low <= high, "uniform({}, {})", low, high);
  boost::random::uniform_int_distribution<uint64_t> distribution(low, high);
  return distribution(*this);
}

int64_t Rng::uniform_signed(int64_t low, int64_t high) {
  FL_CHECK(low <= high, "uniform_signed({}, {})", low, high);
  boost::random::uniform_int_distribution<int64_t> distribution(low, high);
  return distribution(*this);
}

bool Rng::chance(Ratio probability) {
  FL_CHECK(probability.denominator > 0, "ratio with zero denominator");
  FL_CHECK(probability.numerator <= probability.denominator, "ratio above 1");
  if (probability.numerator == 0) {
    return false;  // no draw: a zero rate leaves the stream untouched
  }
  return uniform(0, probability.denominator - 1) < probability.numerator;
}

Duration Rng::uniform_duration(Duration low, Duration high) {
  return Duration{uniform_signed(low.ns, high.ns)};
}

Duration Rng::exponential(Duration mean) {
  FL_CHECK(mean.ns > 0, "exponential mean must be positive, got {}", mean.ns);
  boost::random::exponential_distribution<double> distribution(1.0 / static_cast<double>(mean.ns));
  return round_to_ns(distribution(*this));
}

Duration Rng::lognormal(Duration median, Duration p99) {
  FL_CHECK(median.ns > 0 && p99 >= median, "lognormal median {} p99 {}", median.ns, p99.ns);
  double mu = std::log(static_cast<double>(median.ns));
  double sigma =
      (std::log(static_cast<double>(p99.ns)) - mu) / normal_quantile_p99;  // 0 when p99 == median
  if (sigma <= 0) {
    return median;
  }
  // boost's lognormal_distribution takes the mean and sigma of the underlying normal.
  boost::random::lognormal_distribution<double> distribution(mu, sigma);
  return round_to_ns(distribution(*this));
}

Rng RngStreams::derive(std::string_view name, uint64_t index) const {
  return Rng(mix64(mix64(seed_ ^ fnv1a(name)) + index));
}

Result<uint64_t> parse_seed(std::string_view text) {
  auto is_hex = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  };
  if (text.size() == 40 && std::all_of(text.begin(), text.end(), is_hex)) {
    uint64_t seed = 0;
    std::from_chars(text.data(), text.data() + 16, seed, 16);  // accepts either case
    return seed;
  }
  uint64_t seed = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return Error::make(fmt::format(
        "invalid seed '{}': expected an unsigned 64-bit integer or a 40-hex-digit commit hash",
        text));
  }
  return seed;
}

}  // namespace faultline
