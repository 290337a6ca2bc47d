// File: workload_parser.h
// Reads the `workload` section: clients, op mix, rate, key space and timeouts. Owns the rules
// that the op probabilities sum to exactly 1 (exact ratio arithmetic, no floating point) and that
// the operation timeout is at least the request timeout.
#pragma once

#include "sim/scenario/scenario.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

Status parse_workload(const YamlField& field, WorkloadSpec& workload);

}  // namespace faultline
