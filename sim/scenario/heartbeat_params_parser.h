// File: heartbeat_params_parser.h
// Reads `cluster.params` of a heartbeat scenario (`{ detector: {...} }`) into HeartbeatParams:
// strict keys, ranges, errors naming file, line and key.
#pragma once

#include "sim/scenario/heartbeat_params.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

// `detector` is the only key (optional: absent keeps DetectorParams' defaults, a fixed timeout
// of 500ms over heartbeats every 100ms). Errors: not a map, an unknown key, and those of
// parse_detector_params.
Status parse_heartbeat_params(const YamlField& field, HeartbeatParams& params);

}  // namespace faultline
