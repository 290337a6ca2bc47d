// File: nemesis_parser.cc
// The nemesis map of a phase.
#include "sim/scenario/nemesis_parser.h"

#include <fmt/format.h>
#include <array>
#include <utility>

#include "sim/scenario/nemesis_timeline_parser.h"
#include "sim/scenario/yaml_map.h"

namespace faultline {
namespace {

Status parse_fault_duration(const YamlField& field, NemesisSpec& nemesis) {
  std::vector<YamlField> bounds = field.elements();
  if (bounds.size() != 2) {
    return field.expected("[min, max] such as [500ms, 3s]");
  }
  FL_SCENARIO_TRY(bounds[0].read_duration(nemesis.fault_duration_min, DurationFloor::positive));
  FL_SCENARIO_TRY(bounds[1].read_duration(nemesis.fault_duration_max, DurationFloor::positive));
  if (nemesis.fault_duration_max < nemesis.fault_duration_min) {
    return bounds[1].error(
        fmt::format("max must be at least min ({}), got '{}'", bounds[0].text(), bounds[1].text()));
  }
  return std::nullopt;
}

}  // namespace

Result<NemesisSpec> parse_nemesis(const YamlField& field, const NodeTargetParser& targets,
                                  Duration phase_duration) {
  Result<YamlMap> map =
      YamlMap::open(field, "a map such as { crash: 0.5/s, partition: 0.2/s }",
                    {"crash", "partition", "clog", "clock_jump", "torn_crash", "corrupt", "wipe",
                     "disk_full", "fault_duration", "clock_jump_max", "max_faulty", "timeline"});
  if (!map) {
    return map.error();
  }
  const uint32_t node_count = targets.node_count();
  NemesisSpec nemesis;
  nemesis.line = field.line();
  nemesis.max_faulty = (node_count - 1) / 2;
  if (std::optional<YamlField> timeline = map->find("timeline")) {
    // The timeline is what a nemesis decided: rates, durations and the budget were inputs to
    // those decisions and mean nothing beside them.
    for (const YamlMap::Entry& entry : map->entries()) {
      if (entry.key != "timeline") {
        return entry.value.error(
            fmt::format("'{}' cannot be given with 'timeline' (a timeline replaces the rates, "
                        "fault_duration, clock_jump_max and max_faulty)",
                        entry.key));
      }
    }
    Result<std::vector<NemesisDecision>> decisions =
        parse_nemesis_timeline(*timeline, phase_duration, targets);
    if (!decisions) {
      return decisions.error();
    }
    nemesis.timeline = std::move(*decisions);
    return nemesis;
  }
  const std::array<std::pair<std::string_view, Ratio*>, 8> rates = {{
      {"crash", &nemesis.crash},
      {"partition", &nemesis.partition},
      {"clog", &nemesis.clog},
      {"clock_jump", &nemesis.clock_jump},
      {"torn_crash", &nemesis.torn_crash},
      {"corrupt", &nemesis.corrupt},
      {"wipe", &nemesis.wipe},
      {"disk_full", &nemesis.disk_full},
  }};
  for (const auto& entry : rates) {
    // Not a structured binding: clang 14 (Debian 12) cannot capture one in a lambda.
    Ratio* rate = entry.second;
    FL_SCENARIO_TRY(read_optional(*map, entry.first, [&](const YamlField& value) {
      return value.read_rate_per_second(*rate, max_nemesis_rate_per_second);
    }));
  }
  FL_SCENARIO_TRY(read_optional(*map, "fault_duration", [&](const YamlField& value) {
    return parse_fault_duration(value, nemesis);
  }));
  FL_SCENARIO_TRY(read_optional(*map, "clock_jump_max", [&](const YamlField& value) {
    return value.read_duration(nemesis.clock_jump_max, DurationFloor::positive);
  }));
  FL_SCENARIO_TRY(read_optional(*map, "max_faulty", [&](const YamlField& value) {
    return value.read_unsigned(nemesis.max_faulty, 0, node_count - 1);
  }));
  return nemesis;
}

}  // namespace faultline
