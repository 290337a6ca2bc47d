// File: paxos_params.h
// Paxos parameters of a scenario, as plain data (the runner maps them onto the protocol's own
// config). Filled by parse_paxos_params (paxos_params_parser.h).
#pragma once

#include <string>

namespace faultline {

struct PaxosParams {
  // A deliberately broken variant for negative scenarios; "" is the correct protocol.
  std::string bug;
};

}  // namespace faultline
