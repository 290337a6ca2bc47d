// File: heartbeat_params_parser.h
// Reads `cluster.params` (or an embedded `detector:` map) into HeartbeatParams: strict keys,
// ranges, errors naming file, line and key.
#pragma once

#include "sim/scenario/heartbeat_params.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

Status parse_heartbeat_params(const YamlField& field, HeartbeatParams& params);

}  // namespace faultline
