// File: clock_model.cc
// Exact piecewise-linear clock arithmetic with 128-bit intermediates, and the per-server draws.
#include "models/clock/clock_model.h"

#include <algorithm>

#include <limits>

namespace faultline {
namespace {

// __extension__: GCC and Clang's 128-bit integer, without a -Wpedantic warning.
__extension__ typedef __int128 Wide;

// Floor and ceiling of numerator / denominator for denominator > 0 (C++ division truncates).
Wide floor_div(Wide numerator, Wide denominator) {
  Wide quotient = numerator / denominator;
  return (numerator % denominator != 0 && numerator < 0) ? quotient - 1 : quotient;
}

Wide ceil_div(Wide numerator, Wide denominator) {
  Wide quotient = numerator / denominator;
  return (numerator % denominator != 0 && numerator > 0) ? quotient + 1 : quotient;
}

int64_t narrow(Wide value, const char* what) {
  FL_CHECK(
      value >= std::numeric_limits<int64_t>::min() && value <= std::numeric_limits<int64_t>::max(),
      "clock overflow computing {}", what);
  return static_cast<int64_t>(value);
}

}  // namespace

ClockModel::ClockModel(Duration offset, int64_t drift_ppm)
    : anchor_local_(Time{offset.ns}), drift_ppm_(drift_ppm), initial_offset_(offset) {
  FL_CHECK(drift_ppm > -ppm_scale && drift_ppm < ppm_scale, "clock drift {} ppm out of range",
           drift_ppm);
  update_identity();
}

Time ClockModel::local_slow(Time global) const {
  Wide elapsed = Wide{global.ns} - anchor_global_.ns;
  Wide scaled = floor_div(elapsed * (ppm_scale + drift_ppm_), ppm_scale);
  return Time{narrow(anchor_local_.ns + scaled, "local time")};
}

// floor(x / 1e6) >= k  <=>  x >= k * 1e6 for integers x, k; so with rate r = 1e6 + drift > 0 the
// earliest elapsed global time e with floor(e * r / 1e6) >= k is ceil(k * 1e6 / r).
Time ClockModel::global_at_local_slow(Time local_deadline, Time now_global) const {
  Wide remaining_local = Wide{local_deadline.ns} - anchor_local_.ns;
  Wide elapsed = ceil_div(remaining_local * ppm_scale, ppm_scale + drift_ppm_);
  Wide at = anchor_global_.ns + elapsed;
  if (at <= now_global.ns) {
    return now_global;
  }
  return Time{narrow(at, "the global time of a local deadline")};
}

Duration ClockModel::jump(Duration by, Time now_global) {
  FL_CHECK(now_global >= anchor_global_, "clock jump at {} before its anchor {}", now_global.ns,
           anchor_global_.ns);
  Time before = local(now_global);
  // In 128 bits the sum cannot overflow; the clamp keeps the result well inside int64.
  Wide after = static_cast<Wide>(before.ns) + by.ns;
  after = std::clamp<Wide>(after, -local_limit, local_limit);
  anchor_global_ = now_global;
  anchor_local_ = Time{static_cast<int64_t>(after)};
  update_identity();
  return anchor_local_ - before;
}

ClockModel make_clock(const ClockConfig& config, uint32_t server_number,
                      const RngStreams& streams) {
  FL_CHECK(config.offset_max.ns >= 0, "negative clock offset_max {}", config.offset_max.ns);
  FL_CHECK(config.drift_ppm_max >= 0 && config.drift_ppm_max <= ClockConfig::drift_ppm_limit,
           "clock drift_ppm_max {} out of range", config.drift_ppm_max);
  Duration offset{0};
  int64_t drift_ppm = 0;
  if (config.offset_max.ns > 0 || config.drift_ppm_max > 0) {
    Rng rng = streams.derive("clock", server_number);
    if (config.offset_max.ns > 0) {
      offset = Duration{rng.uniform_signed(-config.offset_max.ns, config.offset_max.ns)};
    }
    if (config.drift_ppm_max > 0) {
      drift_ppm = rng.uniform_signed(-config.drift_ppm_max, config.drift_ppm_max);
    }
  }
  auto position = config.nodes.find(NodeId::server(server_number));
  if (position != config.nodes.end()) {
    offset = position->second.offset.value_or(offset);
    drift_ppm = position->second.drift_ppm.value_or(drift_ppm);
  }
  return ClockModel(offset, drift_ppm);
}

}  // namespace faultline
