// File: raft.cc
// The factory behind make_raft: checks the configuration once, then builds a RaftNode.
#include "protocols/raft/raft.h"

#include "protocols/raft/raft_node.h"
#include "sim/base/check.h"

namespace faultline::raft {

std::unique_ptr<Protocol> make_raft(NodeEnv& env, const RaftConfig& config) {
  FL_CHECK(config.election_timeout_min.ns > 0, "election_timeout_min must be positive");
  FL_CHECK(config.election_timeout_min <= config.election_timeout_max,
           "election_timeout_min {} > election_timeout_max {}", config.election_timeout_min.ns,
           config.election_timeout_max.ns);
  FL_CHECK(config.heartbeat_interval.ns > 0, "heartbeat_interval must be positive");
  FL_CHECK(config.max_entries_per_append > 0, "max_entries_per_append must be positive");
  return std::make_unique<RaftNode>(env, config);
}

}  // namespace faultline::raft
