// File: replication_params_parser.h
// Reads `cluster.params` of `protocol: replication` into ReplicationParams: strict keys (which
// depend on the strategy), ranges, errors naming file, line and key.
#pragma once

#include "sim/scenario/replication_params.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

// `{ strategy, log, detector, max_entries_per_update, bug }` and, for strategy leaderless only,
// `{ replication_factor, virtual_nodes, write_consistency, read_consistency, read_repair,
// timestamps, anti_entropy_interval, coordinator_timeout }`, every key optional; `detector` is
// parse_detector_params's map. Errors: not a map, an unknown key, an unknown strategy, log, bug,
// level, read repair or timestamp source, a key the strategy does not use (`log` without active;
// `max_entries_per_update`, `bug` with active or leaderless; `detector` with log raft or
// leaderless; the leaderless keys with any other strategy), bug followers_choose without
// semi_active, replication_factor outside 1..`node_count`, a coordinator_timeout of 0, and the
// detector map's own errors.
Status parse_replication_params(const YamlField& field, ReplicationParams& params,
                                uint32_t node_count);

}  // namespace faultline
