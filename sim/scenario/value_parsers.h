// File: value_parsers.h
// Text to value for the scenario's unit-carrying scalars: bandwidths (`1Gbps`, `125MB/s`), sizes
// (`4MiB`), signed durations (`-3ms`), signed integers (`-50`) and per-second rates (`0.5/s`).
// Owns the invariant that every conversion is exact integer arithmetic, overflow-checked, and
// that a text is either read whole or rejected with a message saying what was expected.
#pragma once

#include <cstdint>
#include <string_view>

#include "sim/base/ratio.h"
#include "sim/base/result.h"
#include "sim/base/time.h"

namespace faultline {

// A bandwidth in bytes per second, > 0: a whole number and a unit. Bits per second (decimal):
// bps, Kbps, Mbps, Gbps; the bit count must be a multiple of 8. Bytes per second: B/s, KB/s,
// MB/s, GB/s (decimal), KiB/s, MiB/s, GiB/s (binary).
Result<uint64_t> parse_bandwidth(std::string_view text);

// A size in bytes, > 0: a whole number and a unit: B, KB, MB, GB (decimal), KiB, MiB, GiB.
Result<uint64_t> parse_size(std::string_view text);

// A duration (parse_duration) optionally prefixed by `-`.
Result<Duration> parse_signed_duration(std::string_view text);

// Decimal digits optionally prefixed by `-`, with |value| <= limit.
Result<int64_t> parse_signed_integer(std::string_view text, int64_t limit);

// Events per second as an exact ratio: `2/s`, `0.5/s`, `0.05/s` (at most 9 decimals), in
// 0..max_per_second. The numerator may exceed the denominator.
Result<Ratio> parse_rate_per_second(std::string_view text, uint64_t max_per_second);

}  // namespace faultline
