// File: scenario_mapping.h
// Turns the scenario's plain data into the configurations of the modules that run it (cluster,
// network, Raft), and describes them for the seed banner. The one place where the YAML's view
// meets the modules' own types.
#pragma once

#include <string>

#include "protocols/raft/raft.h"
#include "sim/cluster/cluster.h"
#include "sim/cluster/nemesis.h"
#include "sim/scenario/scenario.h"

namespace faultline {

raft::RaftConfig raft_config_from(const RaftParams& params);
ClusterConfig cluster_config_from(const Scenario& scenario);
NemesisConfig nemesis_config_from(const NemesisSpec& spec);
// `faultline run --swarm`: replaces the rates of every phase's nemesis block with one random
// choice per seed (stream "swarm": each fault kind on with probability 1/2 at a rate uniform in
// 0.05/s..1/s) and returns that choice, e.g. "crash=0.37/s clog=0.08/s", for the banner.
// Errors: the scenario has no phase with a nemesis block.
Result<std::string> apply_swarm(Scenario& scenario, uint64_t seed);
// Every derived parameter of a run, one "key=value" per entry, for the banner printed first.
std::vector<std::string> describe_parameters(const Scenario& scenario);

}  // namespace faultline
