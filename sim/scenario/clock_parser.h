// File: clock_parser.h
// Reads the optional `clocks` section: the bounds of each server's random initial offset and
// drift, and explicit per-node values. Owns the rules |drift| <= 100000 ppm, node keys are
// defined servers, and a per-node entry sets at least one value.
#pragma once

#include <cstdint>

#include "sim/scenario/scenario.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

inline constexpr int64_t max_clock_drift_ppm = 100'000;

// Sets `clocks.present`; `node_count` resolves the node names under `nodes`.
Status parse_clocks(const YamlField& field, uint32_t node_count, ClockSpec& clocks);

}  // namespace faultline
