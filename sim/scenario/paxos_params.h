// File: paxos_params.h
// The `cluster.params` of `protocol: paxos` (single-decree Paxos, protocols/paxos/README.md) as
// plain data. Owns the defaults; sim/runner/paxos_factory.cc maps them onto SingleDecreeConfig.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/base/time.h"

namespace faultline {

struct PaxosParams {
  // Server numbers of the proposers (each proposes its value "v-nK"); sorted, distinct.
  std::vector<uint32_t> proposers = {1};
  // Local time of each proposer's first prepare: `propose_at` for every proposer, or per node.
  Duration propose_at{};
  std::map<uint32_t, Duration> propose_at_by_node;
  Duration phase_timeout = Duration::milliseconds(100);  // > 0
  Duration retry_delay{};                                // >= 0
  bool backoff_random = false;                           // `backoff: random` (else `none`)
  Duration backoff_max = Duration::milliseconds(10);     // > 0
  uint32_t max_rounds = 10'000;                          // 1..1000000
  // A deliberately broken acceptor: "" (correct) or one of "accept_without_promise_check" (B19),
  // "no_promise_on_accept" (B21), "forget_promise_on_restart" (P-01 stable storage).
  std::string bug;
};

}  // namespace faultline
