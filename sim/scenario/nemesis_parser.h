// File: nemesis_parser.h
// Reads a phase's `nemesis` map: per-kind random fault rates, the fault duration range, the
// clock jump bound and the fault budget; or a `timeline` of decisions to replay instead. Owns the
// rules 0 < fault_duration min <= max, clock_jump_max > 0, max_faulty in 0..nodes-1 (default
// floor((nodes-1)/2), resolved here).
#pragma once

#include <cstdint>

#include "sim/scenario/node_target_parser.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

// Rates are at most this many events per second per kind: a limit on everything.
inline constexpr uint64_t max_nemesis_rate_per_second = 1'000;

// `timeline` (nemesis_timeline_parser.h) excludes every other key; its `at`s are checked against
// `phase_duration`.
Result<NemesisSpec> parse_nemesis(const YamlField& field, const NodeTargetParser& targets,
                                  Duration phase_duration);

}  // namespace faultline
