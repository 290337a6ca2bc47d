// File: phase_parser.h
// Reads the `phases` list: names, durations, liveness expectations, scripted faults (one each by
// fault_parser.h) and the nemesis (nemesis_parser.h). Owns the invariants that phase names are
// unique, every fault fires inside its phase (0 <= at < duration), every expectation fits in its
// phase, faults are in stable `at` order, and no liveness phase has a nemesis.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

// `field` is the value of the top-level `phases` key; `node_count` resolves node names.
Result<std::vector<PhaseSpec>> parse_phases(const YamlField& field, uint32_t node_count);

}  // namespace faultline
