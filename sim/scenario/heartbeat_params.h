// File: heartbeat_params.h
// Heartbeat parameters of a scenario, as plain data (the runner maps them onto the protocol's own
// config). Filled by parse_heartbeat_params (heartbeat_params_parser.h).
#pragma once

#include <string>

namespace faultline {

struct HeartbeatParams {
  // A deliberately broken variant for negative scenarios; "" is the correct protocol.
  std::string bug;
};

}  // namespace faultline
