// File: clock_parser.cc
// The clocks section.
#include "sim/scenario/clock_parser.h"

#include <fmt/format.h>

#include "sim/scenario/node_target_parser.h"
#include "sim/scenario/yaml_map.h"

namespace faultline {
namespace {

Status parse_clock_node(const YamlField& field, ClockNodeSpec& node) {
  Result<YamlMap> map = YamlMap::open(field, "a map such as { offset: -3ms, drift_ppm: 50 }",
                                      {"offset", "drift_ppm"});
  if (!map) {
    return map.error();
  }
  if (map->entries().empty()) {
    return field.error("empty clock map: expected at least one of offset, drift_ppm");
  }
  FL_SCENARIO_TRY(read_optional(*map, "offset", [&](const YamlField& value) -> Status {
    Duration offset;
    FL_SCENARIO_TRY(value.read_signed_duration(offset));
    node.offset = offset;
    return std::nullopt;
  }));
  return read_optional(*map, "drift_ppm", [&](const YamlField& value) -> Status {
    int64_t drift = 0;
    FL_SCENARIO_TRY(value.read_signed_integer(drift, max_clock_drift_ppm));
    node.drift_ppm = drift;
    return std::nullopt;
  });
}

Status parse_clock_nodes(const YamlField& field, uint32_t node_count, ClockSpec& clocks) {
  Result<YamlMap> map = YamlMap::open(
      field, "a map from node names to clock values, such as { n1: { offset: 2ms } }");
  if (!map) {
    return map.error();
  }
  NodeTargetParser targets(node_count);
  for (const YamlMap::Entry& entry : map->entries()) {
    // The key is the node name: checked like any node name, at the key's line.
    YamlField key(YAML::Node(entry.key), entry.value.path(), entry.key_line, field.file());
    uint32_t number = 0;
    FL_SCENARIO_TRY(targets.parse_server(key, number));
    FL_SCENARIO_TRY(parse_clock_node(entry.value, clocks.nodes[number]));
  }
  return std::nullopt;
}

}  // namespace

Status parse_clocks(const YamlField& field, uint32_t node_count, ClockSpec& clocks) {
  Result<YamlMap> map =
      YamlMap::open(field, "a map such as { offset_max: 5ms, drift_ppm_max: 100 }",
                    {"offset_max", "drift_ppm_max", "nodes"});
  if (!map) {
    return map.error();
  }
  clocks.present = true;
  FL_SCENARIO_TRY(read_optional(*map, "offset_max", [&](const YamlField& value) {
    return value.read_duration(clocks.offset_max, DurationFloor::zero);
  }));
  FL_SCENARIO_TRY(read_optional(*map, "drift_ppm_max", [&](const YamlField& value) {
    return value.read_unsigned(clocks.drift_ppm_max, 0, max_clock_drift_ppm);
  }));
  return read_optional(*map, "nodes", [&](const YamlField& value) {
    return parse_clock_nodes(value, node_count, clocks);
  });
}

}  // namespace faultline
