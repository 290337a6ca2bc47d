// File: detector_params_parser.h
// Reads a `detector:` map (embedded in the params of heartbeat, multi_paxos and replication) into
// DetectorParams: strict keys per kind, ranges, errors naming file, line and key.
#pragma once

#include "sim/scenario/detector_params.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

// Parses `{ kind: fixed_timeout|phi_accrual, interval, timeout, phi_threshold, window,
// min_std_deviation, acceptable_pause }` (every key optional; `kind` defaults to fixed_timeout).
// Errors (file:line:key): not a map, an unknown key, a key of the other kind (`timeout` with
// phi_accrual; `phi_threshold`, `window`, `min_std_deviation`, `acceptable_pause` with
// fixed_timeout), a value out of range, a timeout not above the interval.
Status parse_detector_params(const YamlField& field, DetectorParams& out);

}  // namespace faultline
