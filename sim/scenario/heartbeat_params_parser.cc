// File: heartbeat_params_parser.cc
// parse_heartbeat_params: the heartbeat protocol's params map.
#include "sim/scenario/heartbeat_params_parser.h"

#include "sim/scenario/detector_params_parser.h"
#include "sim/scenario/yaml_map.h"

namespace faultline {

Status parse_heartbeat_params(const YamlField& field, HeartbeatParams& params) {
  Result<YamlMap> map =
      YamlMap::open(field, "a map such as { detector: { kind: phi_accrual } }", {"detector"});
  if (!map) {
    return map.error();
  }
  return read_optional(*map, "detector", [&](const YamlField& value) {
    return parse_detector_params(value, params.detector);
  });
}

}  // namespace faultline
