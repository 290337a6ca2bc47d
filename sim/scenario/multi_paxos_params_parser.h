// File: multi_paxos_params_parser.h
// Reads `cluster.params` (or an embedded `detector:` map) into MultiPaxosParams: strict keys,
// ranges, errors naming file, line and key.
#pragma once

#include "sim/scenario/multi_paxos_params.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

Status parse_multi_paxos_params(const YamlField& field, MultiPaxosParams& params);

}  // namespace faultline
