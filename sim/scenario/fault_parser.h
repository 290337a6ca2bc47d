// File: fault_parser.h
// Reads one scripted fault (`phases[i].faults[j]`): `at` plus exactly one action (partition in
// its list-of-groups or shape form, heal, crash, restart, clog, clock_jump, wipe, corrupt,
// disk_full). Owns the per-action rules: node names defined, no node twice, shapes possible for
// the cluster size, durations and jumps non-zero, `at` inside the phase.
#pragma once

#include "sim/scenario/node_target_parser.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

Result<FaultSpec> parse_fault(const YamlField& field, Duration phase_duration,
                              const NodeTargetParser& targets);

}  // namespace faultline
