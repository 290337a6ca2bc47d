// File: violation.h
// What a checker reports when an invariant breaks: the check id the user sees
// ("raft.election_safety", "liveness.leader"), the simulated time and node it fired at, and a
// message that names the evidence (terms, indices, digests, the other node and when it was seen).
#pragma once

#include <string>

#include "sim/base/node_id.h"
#include "sim/base/time.h"

namespace faultline {

struct Violation {
  std::string check;    // the check id, e.g. "raft.log_matching"
  Time at;              // global simulated time at which the violation was detected
  NodeId node;          // the node whose event revealed it; none for cluster-wide checks
  std::string message;  // human-readable evidence

  // "raft.election_safety at 1.200000000s on n3: term 5 has two leaders: ...".
  std::string to_string() const;
};

// "1.200000000s": simulated time as the checkers print it in messages.
std::string format_seconds(Time at);

}  // namespace faultline
