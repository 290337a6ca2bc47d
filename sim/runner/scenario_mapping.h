// File: scenario_mapping.h
// Turns the scenario's plain data into the configurations of the modules that run it (cluster,
// network, Raft), and describes them for the seed banner. The one place where the YAML's view
// meets the modules' own types.
#pragma once

#include <string>

#include "protocols/raft/raft.h"
#include "sim/cluster/cluster.h"
#include "sim/scenario/scenario.h"

namespace faultline {

raft::RaftConfig raft_config_from(const RaftParams& params);
ClusterConfig cluster_config_from(const Scenario& scenario);
// Every derived parameter of a run, one "key=value" per entry, for the banner printed first.
std::vector<std::string> describe_parameters(const Scenario& scenario);

}  // namespace faultline
