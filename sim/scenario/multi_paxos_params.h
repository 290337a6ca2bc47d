// File: multi_paxos_params.h
// Multi-Paxos parameters of a scenario (`cluster.params` when `cluster.protocol: multi_paxos`), as
// plain data; the runner maps them onto paxos::MultiPaxosConfig (sim/runner/
// multi_paxos_factory.cc). Filled by parse_multi_paxos_params (multi_paxos_params_parser.h).
#pragma once

#include <cstdint>
#include <string>

#include "sim/scenario/detector_params.h"

namespace faultline {

struct MultiPaxosParams {
  // `detector:` the failure detector that elects the leader (the lowest-numbered server not
  // suspected) and paces heartbeats: kind, interval, timeout, phi keys (detector_params.h).
  DetectorParams detector;
  // Slots re-sent per heartbeat interval (a leader's unanswered accepts, chosen values for a
  // lagging peer), 1..10000.
  uint32_t max_slots_per_round = 64;
  // A deliberately broken variant for negative scenarios: "" (correct) or
  // "ignore_promise_reports" (a new leader ignores the accepted proposals its promises report).
  std::string bug;
};

}  // namespace faultline
