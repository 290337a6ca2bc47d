// File: replication_params.h
// Replication parameters of a scenario, as plain data (the runner maps them onto the protocol's own
// config). Filled by parse_replication_params (replication_params_parser.h).
#pragma once

#include <string>

namespace faultline {

struct ReplicationParams {
  // A deliberately broken variant for negative scenarios; "" is the correct protocol.
  std::string bug;
};

}  // namespace faultline
