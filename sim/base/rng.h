// File: rng.h
// The one randomness API (STYLE.md 3, 4). A run has one 64-bit seed; every consumer draws from its
// own stream derived from (seed, name, index), so adding a node or a client never shifts the draws
// of any other stream. Integer draws are exact; floating distributions come from Boost.Random and
// are turned into integer nanoseconds here and nowhere else.
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>

#include "sim/base/ratio.h"
#include "sim/base/result.h"
#include "sim/base/time.h"

namespace faultline {

// xoshiro256** (Blackman and Vigna, 2018): small, fast, and the same on every platform. Satisfies
// UniformRandomBitGenerator so Boost.Random distributions can draw from it.
class Rng {
 public:
  using result_type = uint64_t;

  explicit Rng(uint64_t seed);

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() { return next(); }

  uint64_t next() {
    uint64_t result = rotate_left(state_[1] * 5, 7) * 9;
    uint64_t shifted = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= shifted;
    state_[3] = rotate_left(state_[3], 45);
    return result;
  }

  // Uniform integer in [low, high] (inclusive); requires low <= high.
  uint64_t uniform(uint64_t low, uint64_t high);
  int64_t uniform_signed(int64_t low, int64_t high);
  // Uniform index in [0, count); requires count > 0.
  uint64_t index(uint64_t count) { return uniform(0, count - 1); }
  // True with probability `probability`.
  bool chance(Ratio probability);
  // Uniform duration in [low, high] (ns, inclusive).
  Duration uniform_duration(Duration low, Duration high);
  // Exponential with the given mean (ns), rounded to the nearest ns.
  Duration exponential(Duration mean);
  // Lognormal whose median and 99th percentile are given (ns), rounded to the nearest ns; requires
  // median > 0 and p99 >= median.
  Duration lognormal(Duration median, Duration p99);

 private:
  static uint64_t rotate_left(uint64_t value, int shift) {
    return (value << shift) | (value >> (64 - shift));
  }
  uint64_t state_[4];
};

// Derives independent streams from one run seed by name: derive("net", 3), derive("node", 1).
class RngStreams {
 public:
  explicit RngStreams(uint64_t seed) : seed_(seed) {}
  uint64_t seed() const { return seed_; }
  Rng derive(std::string_view name, uint64_t index = 0) const;

 private:
  uint64_t seed_;
};

// FNV-1a 64 of the bytes: stream names, and the content hash of a scenario file in sweep results.
uint64_t fnv1a(std::string_view bytes);

// splitmix64 finaliser: a bijective 64-bit mix, used for seeding and hashing.
uint64_t mix64(uint64_t value);

// Parses a run seed: a decimal 64-bit integer, or a 40-hex-digit commit hash (its first 16 hex
// digits). Errors: empty, not a number, out of range.
Result<uint64_t> parse_seed(std::string_view text);

}  // namespace faultline
