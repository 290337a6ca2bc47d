// File: nemesis_timeline_parser.cc
// A nemesis timeline: one reader per entry action, and the shape rules (nemesis_timeline_parser.h).
#include "sim/scenario/nemesis_timeline_parser.h"

#include <fmt/format.h>
#include <algorithm>

#include "sim/scenario/yaml_map.h"

namespace faultline {
namespace {

constexpr std::array<std::string_view, 9> timeline_actions = {"crash", "torn_crash", "partition",
                                                              "clog",  "clock_jump", "corrupt",
                                                              "wipe",  "disk_full",  "skip"};

// The one action key of an entry: an error when there are none or more than one.
Result<const YamlMap::Entry*> find_timeline_action(const YamlMap& map) {
  const YamlMap::Entry* action = nullptr;
  for (const YamlMap::Entry& entry : map.entries()) {
    if (std::find(timeline_actions.begin(), timeline_actions.end(), entry.key) ==
        timeline_actions.end()) {
      continue;
    }
    if (action != nullptr) {
      return entry.value.error(fmt::format(
          "a timeline entry has exactly one action, found '{}' and '{}'", action->key, entry.key));
    }
    action = &entry;
  }
  if (action == nullptr) {
    return map.field().error(
        fmt::format("missing action: expected one of {}",
                    join_names(std::span<const std::string_view>(timeline_actions))));
  }
  return action;
}

// A node name or a list of distinct node names, as sorted server numbers.
Status read_servers(const YamlField& field, const NodeTargetParser& targets,
                    std::vector<uint32_t>& out) {
  std::vector<NodeTarget> named;
  FL_SCENARIO_TRY(targets.parse_nodes(field, named));
  for (const NodeTarget& target : named) {
    out.push_back(target.node);
  }
  std::sort(out.begin(), out.end());
  return std::nullopt;
}

Status read_server(const YamlField& field, const NodeTargetParser& targets, uint32_t& out) {
  return targets.parse_server(field, out);
}

Status read_required_server(const YamlMap& map, std::string_view key,
                            const NodeTargetParser& targets, uint32_t& out) {
  Result<YamlField> field = map.require(key);
  if (!field) {
    return field.error();
  }
  return read_server(*field, targets, out);
}

Status read_required_servers(const YamlMap& map, std::string_view key,
                             const NodeTargetParser& targets, std::vector<uint32_t>& out) {
  Result<YamlField> field = map.require(key);
  if (!field) {
    return field.error();
  }
  return read_servers(*field, targets, out);
}

// The servers other than `excluded`, ascending.
std::vector<uint32_t> servers_except(uint32_t count, uint32_t excluded) {
  std::vector<uint32_t> numbers;
  for (uint32_t number = 1; number <= count; ++number) {
    if (number != excluded) {
      numbers.push_back(number);
    }
  }
  return numbers;
}

bool overlaps(const std::vector<uint32_t>& left, const std::vector<uint32_t>& right) {
  return std::any_of(left.begin(), left.end(), [&](uint32_t number) {
    return std::find(right.begin(), right.end(), number) != right.end();
  });
}

std::string node_names(const std::vector<uint32_t>& numbers) {
  std::string text;
  for (uint32_t number : numbers) {
    text += fmt::format("{}n{}", text.empty() ? "" : ", ", number);
  }
  return "[" + text + "]";
}

Status require_nodes(const YamlField& shape, uint32_t minimum, uint32_t node_count) {
  if (node_count >= minimum) {
    return std::nullopt;
  }
  return shape.error(fmt::format("shape '{}' needs at least {} nodes (cluster has {})",
                                 shape.text(), minimum, node_count));
}

// bridge halves: two non-empty lists that together hold every server but the bridge.
Status parse_halves(const YamlField& field, const NodeTargetParser& targets,
                    NemesisDecision& decision) {
  std::vector<YamlField> halves = field.elements();
  if (!field.is_list() || halves.size() != 2) {
    return field.expected("two lists of node names such as [[n1, n2], [n4, n5]]");
  }
  FL_SCENARIO_TRY(read_servers(halves[0], targets, decision.from));
  FL_SCENARIO_TRY(read_servers(halves[1], targets, decision.to));
  std::vector<uint32_t> both = decision.from;
  both.insert(both.end(), decision.to.begin(), decision.to.end());
  std::sort(both.begin(), both.end());
  std::vector<uint32_t> others = servers_except(targets.node_count(), decision.node);
  if (both != others) {
    return field.error(fmt::format(
        "the halves must hold every node but the bridge n{} exactly once: expected {} together",
        decision.node, node_names(others)));
  }
  return std::nullopt;
}

Status parse_partition_entry(const YamlField& field, const NodeTargetParser& targets,
                             NemesisDecision& decision) {
  Result<YamlMap> map = YamlMap::open(field, "a partition shape map such as { shape: ring }");
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
    decision.partition_shape = PartitionShape::isolate;
    FL_SCENARIO_TRY(map->check_known({"shape", "node"}));
    FL_SCENARIO_TRY(require_nodes(*shape, 2, nodes));
    return read_required_server(*map, "node", targets, decision.node);
  }
  if (name == "split") {
    decision.partition_shape = PartitionShape::split;
    FL_SCENARIO_TRY(map->check_known({"shape", "minority"}));
    FL_SCENARIO_TRY(require_nodes(*shape, 3, nodes));
    FL_SCENARIO_TRY(read_required_servers(*map, "minority", targets, decision.from));
    uint32_t largest = (nodes - 1) / 2;
    if (decision.from.size() > largest) {
      return map->find("minority")
          ->error(fmt::format("a minority has 1 to {} nodes (floor((N-1)/2) with {} nodes), got {}",
                              largest, nodes, decision.from.size()));
    }
    return std::nullopt;
  }
  if (name == "bridge") {
    decision.partition_shape = PartitionShape::bridge;
    FL_SCENARIO_TRY(map->check_known({"shape", "node", "halves"}));
    FL_SCENARIO_TRY(require_nodes(*shape, 3, nodes));
    FL_SCENARIO_TRY(read_required_server(*map, "node", targets, decision.node));
    Result<YamlField> halves = map->require("halves");
    if (!halves) {
      return halves.error();
    }
    return parse_halves(*halves, targets, decision);
  }
  if (name == "ring") {
    decision.partition_shape = PartitionShape::ring;
    FL_SCENARIO_TRY(map->check_known({"shape"}));
    return require_nodes(*shape, 3, nodes);
  }
  if (name == "one_way") {
    decision.partition_shape = PartitionShape::one_way;
    FL_SCENARIO_TRY(map->check_known({"shape", "from", "to"}));
    FL_SCENARIO_TRY(require_nodes(*shape, 2, nodes));
    FL_SCENARIO_TRY(read_required_servers(*map, "from", targets, decision.from));
    FL_SCENARIO_TRY(read_required_servers(*map, "to", targets, decision.to));
    if (overlaps(decision.from, decision.to)) {
      return map->find("to")->error("a node cannot be on both sides of a one_way cut");
    }
    return std::nullopt;
  }
  return shape->expected("a partition shape: isolate, split, bridge, ring or one_way");
}

Status parse_clog_entry(const YamlField& field, const NodeTargetParser& targets,
                        NemesisDecision& decision) {
  Result<YamlMap> map = YamlMap::open(field, "a clog map such as { shape: pair, from: n1, to: n2 }",
                                      {"shape", "from", "to"});
  if (!map) {
    return map.error();
  }
  Result<YamlField> shape = map->require("shape");
  if (!shape) {
    return shape.error();
  }
  FL_SCENARIO_TRY(require_nodes(*shape, 2, targets.node_count()));
  FL_SCENARIO_TRY(read_required_servers(*map, "from", targets, decision.from));
  FL_SCENARIO_TRY(read_required_servers(*map, "to", targets, decision.to));
  const YamlField to = *map->find("to");
  const YamlField from = *map->find("from");
  const std::string& name = shape->text();
  if (name == "pair") {
    decision.clog_shape = ClogShape::pair;
    if (decision.from.size() != 1) {
      return from.expected("one node name");
    }
    if (decision.to.size() != 1) {
      return to.expected("one node name");
    }
    if (decision.from == decision.to) {
      return to.error(
          fmt::format("a pair clog needs two different nodes, got n{} twice", decision.from[0]));
    }
    return std::nullopt;
  }
  if (name == "inbound" || name == "outbound") {
    bool inbound = name == "inbound";
    decision.clog_shape = inbound ? ClogShape::inbound : ClogShape::outbound;
    const YamlField& one_side = inbound ? to : from;
    const YamlField& other_side = inbound ? from : to;
    const std::vector<uint32_t>& node = inbound ? decision.to : decision.from;
    const std::vector<uint32_t>& others = inbound ? decision.from : decision.to;
    if (node.size() != 1) {
      return one_side.expected("one node name");
    }
    std::vector<uint32_t> expected = servers_except(targets.node_count(), node[0]);
    if (others != expected) {
      return other_side.error(fmt::format("an {} clog of n{} has every other node here: {}", name,
                                          node[0], node_names(expected)));
    }
    return std::nullopt;
  }
  return shape->expected("a clog shape: pair, inbound or outbound");
}

Status read_entry_duration(const YamlMap& map, std::string_view key, Duration& out) {
  Result<YamlField> duration = map.require(key);
  if (!duration) {
    return duration.error();
  }
  return duration->read_duration(out, DurationFloor::positive);
}

// A skip's target is traced as it is: a short text of node names and the separators the nemesis
// writes ("n3", "n1,n2", "n3:n1,n2|n4,n5", "n1->n2", "all", "-").
Status read_skip_target(const YamlField& field, std::string& out) {
  FL_SCENARIO_TRY(field.read_string(out));
  bool plain = std::all_of(out.begin(), out.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ',' || c == ':' || c == '|' ||
           c == '-' || c == '>';
  });
  if (!plain) {
    return field.expected("a target such as n3, n1,n2, n3:n1,n2|n4,n5, n1->n2 or -");
  }
  return std::nullopt;
}

Status parse_skip_entry(const YamlMap& map, const YamlField& action,
                        const NodeTargetParser& targets, NemesisDecision& decision) {
  FL_SCENARIO_TRY(map.check_known({"at", "skip", "reason", "target", "faulty"}));
  decision.skipped = true;
  std::optional<FaultKind> kind =
      action.is_scalar() ? fault_kind_from_name(action.text()) : std::nullopt;
  if (!kind) {
    return action.expected(
        "a fault kind: crash, partition, clog, clock_jump, torn_crash, corrupt, wipe or "
        "disk_full");
  }
  decision.kind = *kind;
  Result<YamlField> reason = map.require("reason");
  if (!reason) {
    return reason.error();
  }
  if (!reason->is_scalar() || std::find(nemesis_skip_reasons.begin(), nemesis_skip_reasons.end(),
                                        reason->text()) == nemesis_skip_reasons.end()) {
    return reason->expected(fmt::format(
        "a reason: {}", join_names(std::span<const std::string_view>(nemesis_skip_reasons))));
  }
  decision.reason = reason->text();
  Result<YamlField> target = map.require("target");
  if (!target) {
    return target.error();
  }
  FL_SCENARIO_TRY(read_skip_target(*target, decision.target));
  std::optional<YamlField> faulty = map.find("faulty");
  if (decision.reason != "budget") {
    if (faulty) {
      return faulty->error("'faulty' belongs to a skip with reason budget only");
    }
    return std::nullopt;
  }
  if (!faulty) {
    return map.require("faulty").error();
  }
  uint32_t count = 0;
  FL_SCENARIO_TRY(faulty->read_unsigned(count, 1, targets.node_count()));
  decision.faulty = count;
  return std::nullopt;
}

Status parse_action(const YamlMap& map, const YamlMap::Entry& action,
                    const NodeTargetParser& targets, NemesisDecision& decision) {
  if (action.key == "skip") {
    return parse_skip_entry(map, action.value, targets, decision);
  }
  decision.kind = *fault_kind_from_name(action.key);
  switch (decision.kind) {
    case FaultKind::crash:
    case FaultKind::torn_crash:
    case FaultKind::disk_full:
      FL_SCENARIO_TRY(map.check_known({"at", action.key, "duration"}));
      FL_SCENARIO_TRY(read_server(action.value, targets, decision.node));
      break;
    case FaultKind::partition:
      FL_SCENARIO_TRY(map.check_known({"at", "partition", "duration"}));
      FL_SCENARIO_TRY(parse_partition_entry(action.value, targets, decision));
      break;
    case FaultKind::clog:
      FL_SCENARIO_TRY(map.check_known({"at", "clog", "duration"}));
      FL_SCENARIO_TRY(parse_clog_entry(action.value, targets, decision));
      break;
    case FaultKind::clock_jump: {
      FL_SCENARIO_TRY(map.check_known({"at", "clock_jump", "by"}));
      FL_SCENARIO_TRY(read_server(action.value, targets, decision.node));
      Result<YamlField> by = map.require("by");
      if (!by) {
        return by.error();
      }
      FL_SCENARIO_TRY(by->read_signed_duration(decision.by));
      if (decision.by.ns == 0) {
        return by->error(fmt::format("a clock jump must not be 0, got '{}'", by->text()));
      }
      return std::nullopt;
    }
    case FaultKind::corrupt:
    case FaultKind::wipe:
      FL_SCENARIO_TRY(map.check_known({"at", action.key}));
      return read_server(action.value, targets, decision.node);
  }
  return read_entry_duration(map, "duration", decision.duration);
}

Result<NemesisDecision> parse_entry(const YamlField& field, Duration phase_duration,
                                    const NodeTargetParser& targets) {
  Result<YamlMap> map =
      YamlMap::open(field, "a timeline entry: a map such as { at: 1.5s, crash: n3, duration: 2s }",
                    {"at", "crash", "torn_crash", "partition", "clog", "clock_jump", "corrupt",
                     "wipe", "disk_full", "skip", "duration", "by", "reason", "target", "faulty"});
  if (!map) {
    return map.error();
  }
  NemesisDecision decision;
  Result<YamlField> at = map->require("at");
  if (!at) {
    return at.error();
  }
  FL_SCENARIO_TRY(at->read_duration(decision.at, DurationFloor::zero));
  if (decision.at >= phase_duration) {
    return at->error(fmt::format("must be less than the phase duration ({}), got '{}'",
                                 format_duration(phase_duration), at->text()));
  }
  Result<const YamlMap::Entry*> action = find_timeline_action(*map);
  if (!action) {
    return action.error();
  }
  FL_SCENARIO_TRY(parse_action(*map, **action, targets, decision));
  return decision;
}

}  // namespace

Result<std::vector<NemesisDecision>> parse_nemesis_timeline(const YamlField& field,
                                                            Duration phase_duration,
                                                            const NodeTargetParser& targets) {
  if (!field.is_list()) {
    return field.expected(
        "a list of timeline entries such as { at: 1.5s, crash: n3, duration: 2s }");
  }
  std::vector<NemesisDecision> timeline;
  for (const YamlField& element : field.elements()) {
    Result<NemesisDecision> decision = parse_entry(element, phase_duration, targets);
    if (!decision) {
      return decision.error();
    }
    timeline.push_back(std::move(*decision));
  }
  return timeline;
}

}  // namespace faultline
