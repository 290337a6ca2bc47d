// File: replication_params_parser.cc
#include "sim/scenario/replication_params_parser.h"

#include "sim/scenario/yaml_map.h"

namespace faultline {

Status parse_replication_params(const YamlField& field, ReplicationParams& params) {
  Result<YamlMap> map = YamlMap::open(field, "a map of replication parameters", {"bug"});
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
