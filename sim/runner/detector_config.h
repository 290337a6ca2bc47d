// File: detector_config.h
// The scenario's detector parameters (sim/scenario/detector_params.h) as the protocols'
// DetectorConfig (protocols/heartbeat/failure_detector.h): one field for one field. Used by every
// factory whose protocol embeds a failure detector (heartbeat, Multi-Paxos, replication).
#pragma once

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

}  // namespace faultline
