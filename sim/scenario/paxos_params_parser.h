// File: paxos_params_parser.h
// Reads `cluster.params` of `protocol: paxos` into PaxosParams: strict keys, ranges, node names
// of the cluster, errors naming file, line and key (keys in protocols/paxos/README.md).
#pragma once

#include <cstdint>

#include "sim/scenario/paxos_params.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

// `node_count`: the cluster's servers, so that `proposers: [n4]` with 3 nodes is an error.
Status parse_paxos_params(const YamlField& field, PaxosParams& params, uint32_t node_count);
// The same against the largest cluster (n1..n64).
Status parse_paxos_params(const YamlField& field, PaxosParams& params);

}  // namespace faultline
