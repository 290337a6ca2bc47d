// File: multi_paxos_params.h
// MultiPaxos parameters of a scenario, as plain data (the runner maps them onto the protocol's own
// config). Filled by parse_multi_paxos_params (multi_paxos_params_parser.h).
#pragma once

#include <string>

namespace faultline {

struct MultiPaxosParams {
  // A deliberately broken variant for negative scenarios; "" is the correct protocol.
  std::string bug;
};

}  // namespace faultline
