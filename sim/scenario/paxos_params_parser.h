// File: paxos_params_parser.h
// Reads `cluster.params` (or an embedded `detector:` map) into PaxosParams: strict keys, ranges,
// errors naming file, line and key.
#pragma once

#include "sim/scenario/paxos_params.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

Status parse_paxos_params(const YamlField& field, PaxosParams& params);

}  // namespace faultline
