// File: replication_params_parser.h
// Reads `cluster.params` (or an embedded `detector:` map) into ReplicationParams: strict keys,
// ranges, errors naming file, line and key.
#pragma once

#include "sim/scenario/replication_params.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

Status parse_replication_params(const YamlField& field, ReplicationParams& params);

}  // namespace faultline
