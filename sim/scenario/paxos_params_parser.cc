// File: paxos_params_parser.cc
#include "sim/scenario/paxos_params_parser.h"

#include "sim/scenario/yaml_map.h"

namespace faultline {

Status parse_paxos_params(const YamlField& field, PaxosParams& params) {
  Result<YamlMap> map = YamlMap::open(field, "a map of paxos parameters", {"bug"});
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
