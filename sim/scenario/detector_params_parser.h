// File: detector_params_parser.h
// Reads `cluster.params` (or an embedded `detector:` map) into DetectorParams: strict keys, ranges,
// errors naming file, line and key.
#pragma once

#include "sim/scenario/detector_params.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

Status parse_detector_params(const YamlField& field, DetectorParams& params);

}  // namespace faultline
