// File: protocol_factory.cc
// Dispatch on the protocol name, and Raft's factory.
#include "sim/runner/protocol_factory.h"

#include "protocols/raft/raft.h"
#include "sim/base/check.h"
#include "sim/runner/scenario_mapping.h"

namespace faultline {

ProtocolFactory protocol_factory(const Scenario& scenario) {
  const std::string& protocol = scenario.cluster.protocol;
  if (protocol == "raft") {
    return raft_factory(scenario);
  }
  if (protocol == "paxos") {
    return paxos_factory(scenario);
  }
  if (protocol == "multi_paxos") {
    return multi_paxos_factory(scenario);
  }
  if (protocol == "heartbeat") {
    return heartbeat_factory(scenario);
  }
  FL_CHECK(protocol == "replication", "unknown protocol '{}' passed the parser", protocol);
  return replication_factory(scenario);
}

std::string protocol_parameters(const Scenario& scenario) {
  const std::string& protocol = scenario.cluster.protocol;
  if (protocol == "paxos") {
    return paxos_parameters(scenario);
  }
  if (protocol == "multi_paxos") {
    return multi_paxos_parameters(scenario);
  }
  if (protocol == "heartbeat") {
    return heartbeat_parameters(scenario);
  }
  FL_CHECK(protocol == "replication", "no parameter line for protocol '{}'", protocol);
  return replication_parameters(scenario);
}

ProtocolFactory raft_factory(const Scenario& scenario) {
  raft::RaftConfig config = raft_config_from(scenario.cluster.raft);
  return [config](NodeEnv& env) { return raft::make_raft(env, config); };
}

}  // namespace faultline
