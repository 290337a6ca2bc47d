// File: protocol_factory.h
// From a scenario's `cluster.protocol` and `params` to the factory that builds that protocol on
// each server. One function per protocol, each defined in sim/runner/<protocol>_factory.cc,
// which owns the mapping from the scenario's params to the protocol's own config.
#pragma once

#include <string>

#include "sim/cluster/sim_node.h"
#include "sim/scenario/scenario.h"

namespace faultline {

// The factory for scenario.cluster.protocol (a known protocol: the parser checked it).
ProtocolFactory protocol_factory(const Scenario& scenario);

// The protocol's params on one line for the run banner ("proposers=[n1,n2] backoff=random ..."),
// for every protocol but Raft (whose banner lines scenario_mapping.cc writes).
std::string protocol_parameters(const Scenario& scenario);

ProtocolFactory raft_factory(const Scenario& scenario);
ProtocolFactory paxos_factory(const Scenario& scenario);
ProtocolFactory multi_paxos_factory(const Scenario& scenario);
ProtocolFactory heartbeat_factory(const Scenario& scenario);
ProtocolFactory replication_factory(const Scenario& scenario);
std::string paxos_parameters(const Scenario& scenario);
std::string multi_paxos_parameters(const Scenario& scenario);
std::string heartbeat_parameters(const Scenario& scenario);
std::string replication_parameters(const Scenario& scenario);

}  // namespace faultline
