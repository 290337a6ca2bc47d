// File: heartbeat_params.h
// Heartbeat-protocol parameters of a scenario (`cluster.params` with `protocol: heartbeat`), as
// plain data; the runner maps them onto protocols/heartbeat's HeartbeatConfig
// (sim/runner/heartbeat_factory.cc). Filled by parse_heartbeat_params (heartbeat_params_parser.h).
#pragma once

#include "sim/scenario/detector_params.h"

namespace faultline {

struct HeartbeatParams {
  // The detector every server runs over each peer; its interval is the sending period.
  DetectorParams detector;
};

}  // namespace faultline
