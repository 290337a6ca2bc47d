// File: replication_params_parser.h
// Reads `cluster.params` of `protocol: replication` into ReplicationParams: strict keys (which
// depend on the strategy), ranges, errors naming file, line and key.
#pragma once

#include "sim/scenario/replication_params.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

// `{ strategy, log, detector, max_entries_per_update, bug }`, every key optional; `detector` is
// parse_detector_params's map. Errors: not a map, an unknown key, an unknown strategy, log or
// bug, a key the strategy does not use (`log` without active; `max_entries_per_update`, `bug`
// with active; `detector` with log raft), bug followers_choose without semi_active, and the
// detector map's own errors.
Status parse_replication_params(const YamlField& field, ReplicationParams& params);

}  // namespace faultline
