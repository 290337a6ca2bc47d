// File: fault_parser.cc
// Scripted faults: the action dispatch and one reader per action.
#include "sim/scenario/fault_parser.h"

#include <fmt/format.h>
#include <algorithm>
#include <array>

#include "sim/scenario/yaml_map.h"

namespace faultline {
namespace {

constexpr std::array<std::string_view, 9> fault_actions = {
    "partition", "heal", "crash", "restart", "clog", "clock_jump", "wipe", "corrupt", "disk_full"};
constexpr uint32_t max_corrupt_records = 1'000;

std::string fault_actions_text() {
  std::string text;
  for (std::string_view action : fault_actions) {
    text += text.empty() ? "" : ", ";
    text += action;
  }
  return text;
}

// The one action key of a fault map: an error when there are none or more than one.
Result<const YamlMap::Entry*> find_action(const YamlMap& map) {
  const YamlMap::Entry* action = nullptr;
  for (const YamlMap::Entry& entry : map.entries()) {
    if (std::find(fault_actions.begin(), fault_actions.end(), entry.key) == fault_actions.end()) {
      continue;
    }
    if (action != nullptr) {
      return entry.value.error(fmt::format("a fault has exactly one action, found '{}' and '{}'",
                                           action->key, entry.key));
    }
    action = &entry;
  }
  if (action == nullptr) {
    return map.field().error(
        fmt::format("missing action: expected one of {}", fault_actions_text()));
  }
  return action;
}

// A shape needs enough servers to mean anything: the error is on the `shape` value.
Status require_nodes(const YamlField& shape, uint32_t minimum, uint32_t node_count) {
  if (node_count >= minimum) {
    return std::nullopt;
  }
  return shape.error(fmt::format("shape '{}' needs at least {} nodes (cluster has {})",
                                 shape.text(), minimum, node_count));
}

Status parse_split_minority(const YamlField& field, const NodeTargetParser& targets,
                            FaultSpec& fault) {
  FL_SCENARIO_TRY(targets.parse_nodes(field, fault.targets));
  uint32_t largest = (targets.node_count() - 1) / 2;
  if (fault.targets.size() > largest) {
    return field.error(
        fmt::format("a minority has 1 to {} nodes (floor((N-1)/2) with {} nodes), got {}", largest,
                    targets.node_count(), fault.targets.size()));
  }
  return std::nullopt;
}

Status parse_shape(const YamlField& field, const NodeTargetParser& targets, FaultSpec& fault) {
  Result<YamlMap> map = YamlMap::open(field, "a partition shape map");
  if (!map) {
    return map.error();
  }
  Result<YamlField> shape = map->require("shape");
  if (!shape) {
    return shape.error();
  }
  const std::string& name = shape->text();
  uint32_t nodes = targets.node_count();
  if (name == "isolate") {
    fault.shape = FaultSpec::Shape::isolate;
    FL_SCENARIO_TRY(map->check_known({"shape", "node"}));
    FL_SCENARIO_TRY(require_nodes(*shape, 2, nodes));
    return read_optional(*map, "node", [&](const YamlField& value) {
      fault.targets.emplace_back();
      return targets.parse_one(value, true, false, fault.targets.back());
    });
  }
  if (name == "split") {
    fault.shape = FaultSpec::Shape::split;
    FL_SCENARIO_TRY(map->check_known({"shape", "minority"}));
    FL_SCENARIO_TRY(require_nodes(*shape, 3, nodes));
    return read_optional(*map, "minority", [&](const YamlField& value) {
      return parse_split_minority(value, targets, fault);
    });
  }
  if (name == "bridge") {
    fault.shape = FaultSpec::Shape::bridge;
    FL_SCENARIO_TRY(map->check_known({"shape", "node"}));
    FL_SCENARIO_TRY(require_nodes(*shape, 3, nodes));
    return read_optional(*map, "node", [&](const YamlField& value) {
      fault.targets.emplace_back();
      return targets.parse_one(value, false, false, fault.targets.back());
    });
  }
  if (name == "ring") {
    fault.shape = FaultSpec::Shape::ring;
    FL_SCENARIO_TRY(map->check_known({"shape"}));
    return require_nodes(*shape, 3, nodes);
  }
  if (name == "one_way") {
    fault.shape = FaultSpec::Shape::one_way;
    FL_SCENARIO_TRY(map->check_known({"shape", "from", "to"}));
    Result<YamlField> from = map->require("from");
    if (!from) {
      return from.error();
    }
    Result<YamlField> to = map->require("to");
    if (!to) {
      return to.error();
    }
    return targets.parse_one_way(*from, *to, fault.from, fault.to);
  }
  return shape->expected("a partition shape: isolate, split, bridge, ring or one_way");
}

Status parse_partition(const YamlField& field, const NodeTargetParser& targets, FaultSpec& fault) {
  fault.kind = FaultSpec::Kind::partition;
  if (field.is_map()) {
    return parse_shape(field, targets, fault);
  }
  fault.shape = FaultSpec::Shape::groups;
  return targets.parse_partition(field, fault.groups);
}

// A required duration > 0 (clog, disk_full).
Status read_fault_duration(const YamlMap& map, Duration& out) {
  Result<YamlField> duration = map.require("duration");
  if (!duration) {
    return duration.error();
  }
  return duration->read_duration(out, DurationFloor::positive);
}

Status parse_clog(const YamlField& field, const NodeTargetParser& targets, FaultSpec& fault) {
  fault.kind = FaultSpec::Kind::clog;
  Result<YamlMap> map = YamlMap::open(
      field, "a map such as { from: n1, to: [n2, n3], duration: 2s }", {"from", "to", "duration"});
  if (!map) {
    return map.error();
  }
  if (!map->find("from") && !map->find("to")) {
    return field.error("a clog needs 'from' or 'to' (an absent side means every server)");
  }
  for (auto [key, side] : {std::pair{"from", &fault.from}, std::pair{"to", &fault.to}}) {
    if (std::optional<YamlField> value = map->find(key)) {
      FL_SCENARIO_TRY(targets.parse_crash(*value, *side));
    } else {
      side->push_back(NodeTarget{NodeTarget::Kind::all, 0});
    }
  }
  return read_fault_duration(*map, fault.duration);
}

// The required `node` of a fault map: a node name, or also `leader` and `all` when
// `leader_or_all`; appended to fault.targets.
Status read_node(const YamlMap& map, const NodeTargetParser& targets, bool leader_or_all,
                 FaultSpec& fault) {
  Result<YamlField> node = map.require("node");
  if (!node) {
    return node.error();
  }
  fault.targets.emplace_back();
  return targets.parse_one(*node, leader_or_all, leader_or_all, fault.targets.back());
}

Status parse_clock_jump(const YamlField& field, const NodeTargetParser& targets, FaultSpec& fault) {
  fault.kind = FaultSpec::Kind::clock_jump;
  Result<YamlMap> map =
      YamlMap::open(field, "a map such as { node: n1, by: -50ms }", {"node", "by"});
  if (!map) {
    return map.error();
  }
  FL_SCENARIO_TRY(read_node(*map, targets, true, fault));
  Result<YamlField> by = map->require("by");
  if (!by) {
    return by.error();
  }
  FL_SCENARIO_TRY(by->read_signed_duration(fault.by));
  if (fault.by.ns == 0) {
    return by->error(fmt::format("a clock jump must not be 0, got '{}'", by->text()));
  }
  return std::nullopt;
}

Status parse_corrupt(const YamlField& field, const NodeTargetParser& targets, FaultSpec& fault) {
  fault.kind = FaultSpec::Kind::corrupt;
  fault.records = 1;
  if (!field.is_map()) {
    fault.targets.emplace_back();
    return targets.parse_one(field, false, false, fault.targets.back());
  }
  Result<YamlMap> map =
      YamlMap::open(field, "a map such as { node: n1, records: 3 }", {"node", "records"});
  if (!map) {
    return map.error();
  }
  FL_SCENARIO_TRY(read_node(*map, targets, false, fault));
  return read_optional(*map, "records", [&](const YamlField& value) {
    return value.read_unsigned(fault.records, 1, max_corrupt_records);
  });
}

Status parse_disk_full(const YamlField& field, const NodeTargetParser& targets, FaultSpec& fault) {
  fault.kind = FaultSpec::Kind::disk_full;
  Result<YamlMap> map =
      YamlMap::open(field, "a map such as { node: n1, duration: 2s }", {"node", "duration"});
  if (!map) {
    return map.error();
  }
  FL_SCENARIO_TRY(read_node(*map, targets, true, fault));
  return read_fault_duration(*map, fault.duration);
}

Status parse_action(const YamlMap::Entry& action, const NodeTargetParser& targets,
                    FaultSpec& fault) {
  const YamlField& value = action.value;
  if (action.key == "partition") {
    return parse_partition(value, targets, fault);
  }
  if (action.key == "heal") {
    fault.kind = FaultSpec::Kind::heal;
    return targets.parse_heal(value);
  }
  if (action.key == "crash") {
    fault.kind = FaultSpec::Kind::crash;
    return targets.parse_crash(value, fault.targets);
  }
  if (action.key == "restart") {
    fault.kind = FaultSpec::Kind::restart;
    return targets.parse_restart(value, fault.targets);
  }
  if (action.key == "clog") {
    return parse_clog(value, targets, fault);
  }
  if (action.key == "clock_jump") {
    return parse_clock_jump(value, targets, fault);
  }
  if (action.key == "wipe") {
    fault.kind = FaultSpec::Kind::wipe;
    return targets.parse_nodes(value, fault.targets);
  }
  if (action.key == "corrupt") {
    return parse_corrupt(value, targets, fault);
  }
  return parse_disk_full(value, targets, fault);
}

}  // namespace

Result<FaultSpec> parse_fault(const YamlField& field, Duration phase_duration,
                              const NodeTargetParser& targets) {
  Result<YamlMap> map = YamlMap::open(field, "a fault: a map such as { at: 2s, crash: leader }",
                                      {"at", "partition", "heal", "crash", "restart", "clog",
                                       "clock_jump", "wipe", "corrupt", "disk_full"});
  if (!map) {
    return map.error();
  }
  FaultSpec fault;
  fault.line = field.line();
  Result<YamlField> at = map->require("at");
  if (!at) {
    return at.error();
  }
  FL_SCENARIO_TRY(at->read_duration(fault.at, DurationFloor::zero));
  if (fault.at >= phase_duration) {
    return at->error(fmt::format("must be less than the phase duration ({}), got '{}'",
                                 format_duration(phase_duration), at->text()));
  }
  Result<const YamlMap::Entry*> action = find_action(*map);
  if (!action) {
    return action.error();
  }
  FL_SCENARIO_TRY(parse_action(**action, targets, fault));
  return fault;
}

}  // namespace faultline
