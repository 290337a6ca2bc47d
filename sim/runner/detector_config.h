// File: detector_config.h
// The scenario's detector parameters (sim/scenario/detector_params.h) as the protocols'
// DetectorConfig (protocols/heartbeat/failure_detector.h): one field for one field; and the
// detector's banner line. Used by every
// factory whose protocol embeds a failure detector (heartbeat, Multi-Paxos, replication).
#pragma once

#include <string>

#include <fmt/format.h>

#include "protocols/heartbeat/failure_detector.h"
#include "sim/scenario/detector_params.h"

namespace faultline {

inline heartbeat::DetectorConfig to_detector_config(const DetectorParams& params) {
  heartbeat::DetectorConfig config;
  config.kind = params.kind == DetectorParams::Kind::phi_accrual
                    ? heartbeat::DetectorConfig::Kind::phi_accrual
                    : heartbeat::DetectorConfig::Kind::fixed_timeout;
  config.interval = params.interval;
  config.timeout = params.timeout;
  config.phi_threshold_milli = params.phi_threshold_milli;
  config.window = params.window;
  config.min_std_deviation = params.min_std_deviation;
  config.acceptable_pause = params.acceptable_pause;
  return config;
}

// The detector on one line for a run banner: "detector=phi_accrual interval=100ms ...".
inline std::string detector_parameters(const DetectorParams& detector) {
  if (detector.kind == DetectorParams::Kind::fixed_timeout) {
    return fmt::format("detector=fixed_timeout interval={} timeout={}",
                       format_duration(detector.interval), format_duration(detector.timeout));
  }
  return fmt::format(
      "detector=phi_accrual interval={} phi_threshold={}.{:03} window={} min_std_deviation={} "
      "acceptable_pause={}",
      format_duration(detector.interval), detector.phi_threshold_milli / 1000,
      detector.phi_threshold_milli % 1000, detector.window,
      format_duration(detector.min_std_deviation), format_duration(detector.acceptable_pause));
}

}  // namespace faultline
