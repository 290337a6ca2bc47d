// File: detector_params_parser.cc
#include "sim/scenario/detector_params_parser.h"

#include "sim/scenario/yaml_map.h"

namespace faultline {

Status parse_detector_params(const YamlField& field, DetectorParams& params) {
  Result<YamlMap> map = YamlMap::open(field, "a map of detector parameters", {"bug"});
  if (!map) {
    return map.error();
  }
  return read_optional(*map, "bug", [&](const YamlField& value) -> Status {
    if (!value.is_scalar()) {
      return value.expected("a bug name");
    }
    params.bug = value.text();
    return std::nullopt;
  });
}

}  // namespace faultline
