// File: node_target_parser.cc
// Node names in faults: `n1`..`nN`, `leader`, `rest`, `all`.
#include "sim/scenario/node_target_parser.h"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>
#include <optional>

namespace faultline {
namespace {

bool same_target(const NodeTarget& left, const NodeTarget& right) {
  return left.kind == right.kind && left.node == right.node;
}

std::string target_text(const NodeTarget& target) {
  return target.kind == NodeTarget::Kind::leader ? "leader" : fmt::format("n{}", target.node);
}

// "n<digits>": sets `number` (0 when too large to matter) and returns true.
bool looks_like_node_name(std::string_view text, uint64_t& number) {
  if (text.size() < 2 || text.front() != 'n') {
    return false;
  }
  std::string_view digits = text.substr(1);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (error != std::errc() || end != digits.data() + digits.size()) {
    number = 0;
  }
  return true;
}

}  // namespace

std::string NodeTargetParser::expected_name() const {
  return node_count_ == 1 ? "n1" : fmt::format("n1..n{}", node_count_);
}

Status NodeTargetParser::parse_name(const YamlField& field, bool allow_leader,
                                    std::string_view expected, NodeTarget& out) const {
  if (!field.is_scalar()) {
    return field.expected(expected);
  }
  const std::string& text = field.text();
  if (allow_leader && text == "leader") {
    out = NodeTarget{NodeTarget::Kind::leader, 0};
    return std::nullopt;
  }
  uint64_t number = 0;
  if (!looks_like_node_name(text, number)) {
    return field.expected(expected);
  }
  if (number < 1 || number > node_count_ || text != fmt::format("n{}", number)) {
    return field.error(fmt::format("undefined node '{}' (cluster has {} node{}: {})", text,
                                   node_count_, node_count_ == 1 ? "" : "s", expected_name()));
  }
  out = NodeTarget{NodeTarget::Kind::node, static_cast<uint32_t>(number)};
  return std::nullopt;
}

Status NodeTargetParser::parse_name_list(const YamlField& field, bool allow_leader,
                                         std::string_view expected, std::vector<NodeTarget>& seen,
                                         std::vector<NodeTarget>& out) const {
  std::vector<YamlField> elements = field.elements();
  if (elements.empty()) {
    return field.error("empty list: expected at least one node");
  }
  for (const YamlField& element : elements) {
    NodeTarget target;
    FL_SCENARIO_TRY(parse_name(element, allow_leader, expected, target));
    auto is_same = [&](const NodeTarget& other) { return same_target(other, target); };
    if (std::any_of(seen.begin(), seen.end(), is_same)) {
      return element.error(fmt::format("node '{}' is named twice", target_text(target)));
    }
    seen.push_back(target);
    out.push_back(target);
  }
  return std::nullopt;
}

Status NodeTargetParser::parse_partition(const YamlField& field,
                                         std::vector<std::vector<NodeTarget>>& groups) const {
  std::string expected_groups =
      "a list of at least two groups, such as [[leader], rest], or a shape map such as "
      "{ shape: isolate }";
  if (!field.is_list() || field.elements().size() < 2) {
    return field.expected(expected_groups);
  }
  std::string expected_member = fmt::format("a node name ({}) or 'leader'", expected_name());
  std::vector<NodeTarget> seen;
  std::optional<YamlField> rest;
  for (const YamlField& group_field : field.elements()) {
    std::vector<NodeTarget> group;
    if (group_field.is_scalar() && group_field.text() == "rest") {
      if (rest) {
        return group_field.error("at most one group may be 'rest'");
      }
      rest = group_field;
      group.push_back(NodeTarget{NodeTarget::Kind::rest, 0});
    } else if (group_field.is_list()) {
      FL_SCENARIO_TRY(parse_name_list(group_field, true, expected_member, seen, group));
    } else {
      return group_field.expected("a group: a list of node names such as [n1, leader], or 'rest'");
    }
    groups.push_back(std::move(group));
  }
  if (rest) {
    FL_SCENARIO_TRY(check_rest_not_empty(*rest, groups));
  }
  return std::nullopt;
}

Status NodeTargetParser::check_rest_not_empty(
    const YamlField& rest, const std::vector<std::vector<NodeTarget>>& groups) const {
  // Node names are distinct across groups (parse_name_list), so counting them counts nodes.
  size_t named_nodes = 0;
  bool has_leader_alone = false;
  for (const std::vector<NodeTarget>& group : groups) {
    for (const NodeTarget& target : group) {
      named_nodes += target.kind == NodeTarget::Kind::node ? 1 : 0;
    }
    has_leader_alone |= group.size() == 1 && group[0].kind == NodeTarget::Kind::leader;
  }
  if (named_nodes == node_count_) {
    return rest.error(
        fmt::format("group 'rest' is always empty: the other groups already name every node ({})",
                    expected_name()));
  }
  // [leader] alone with all nodes but one named elsewhere: the leader is either that one node
  // (rest is empty) or a named one (the fault is skipped when it fires as node_in_two_groups).
  if (has_leader_alone && named_nodes + 1 == node_count_) {
    return rest.error(fmt::format(
        "group 'rest' is always empty: the other groups name every node ({}) but one, and the "
        "group [leader] takes that one (or the partition is skipped when it fires)",
        expected_name()));
  }
  return std::nullopt;
}

Status NodeTargetParser::parse_heal(const YamlField& field) const {
  if (field.is_scalar() && field.text() == "all") {
    return std::nullopt;
  }
  return field.expected("'all' (heal restores every link)");
}

Status NodeTargetParser::parse_crash(const YamlField& field,
                                     std::vector<NodeTarget>& targets) const {
  std::string expected =
      fmt::format("a node name ({}), 'leader' or a list of node names", expected_name());
  std::vector<NodeTarget> seen;
  if (field.is_list()) {
    return parse_name_list(field, false, fmt::format("a node name ({})", expected_name()), seen,
                           targets);
  }
  NodeTarget target;
  FL_SCENARIO_TRY(parse_name(field, true, expected, target));
  targets.push_back(target);
  return std::nullopt;
}

Status NodeTargetParser::parse_restart(const YamlField& field,
                                       std::vector<NodeTarget>& targets) const {
  std::string expected =
      fmt::format("a node name ({}), 'all' or a list of node names", expected_name());
  std::vector<NodeTarget> seen;
  if (field.is_list()) {
    return parse_name_list(field, false, fmt::format("a node name ({})", expected_name()), seen,
                           targets);
  }
  if (field.is_scalar() && field.text() == "all") {
    targets.push_back(NodeTarget{NodeTarget::Kind::all, 0});
    return std::nullopt;
  }
  NodeTarget target;
  FL_SCENARIO_TRY(parse_name(field, false, expected, target));
  targets.push_back(target);
  return std::nullopt;
}

Status NodeTargetParser::parse_nodes(const YamlField& field,
                                     std::vector<NodeTarget>& targets) const {
  std::string expected = fmt::format("a node name ({}) or a list of node names", expected_name());
  std::vector<NodeTarget> seen;
  return parse_name_or_list(field, false, expected, seen, targets);
}

Status NodeTargetParser::parse_one(const YamlField& field, bool allow_leader, bool allow_all,
                                   NodeTarget& out) const {
  std::string expected =
      fmt::format("a node name ({}){}{}", expected_name(),
                  allow_leader ? (allow_all ? ", 'leader'" : " or 'leader'") : "",
                  allow_all ? " or 'all'" : "");
  if (allow_all && field.is_scalar() && field.text() == "all") {
    out = NodeTarget{NodeTarget::Kind::all, 0};
    return std::nullopt;
  }
  return parse_name(field, allow_leader, expected, out);
}

Status NodeTargetParser::parse_server(const YamlField& field, uint32_t& number) const {
  NodeTarget target;
  FL_SCENARIO_TRY(
      parse_name(field, false, fmt::format("a node name ({})", expected_name()), target));
  number = target.node;
  return std::nullopt;
}

Status NodeTargetParser::parse_name_or_list(const YamlField& field, bool allow_leader,
                                            std::string_view expected,
                                            std::vector<NodeTarget>& seen,
                                            std::vector<NodeTarget>& out) const {
  if (field.is_list()) {
    return parse_name_list(field, allow_leader, expected, seen, out);
  }
  NodeTarget target;
  FL_SCENARIO_TRY(parse_name(field, allow_leader, expected, target));
  auto is_same = [&](const NodeTarget& other) { return same_target(other, target); };
  if (std::any_of(seen.begin(), seen.end(), is_same)) {
    return field.error(fmt::format("node '{}' is named twice", target_text(target)));
  }
  seen.push_back(target);
  out.push_back(target);
  return std::nullopt;
}

Status NodeTargetParser::parse_one_way(const YamlField& from_field, const YamlField& to_field,
                                       std::vector<NodeTarget>& from,
                                       std::vector<NodeTarget>& to) const {
  std::string expected =
      fmt::format("a node name ({}), 'leader' or a list of them", expected_name());
  std::vector<NodeTarget> seen;
  FL_SCENARIO_TRY(parse_name_or_list(from_field, true, expected, seen, from));
  if (to_field.is_scalar() && to_field.text() == "rest") {
    to.push_back(NodeTarget{NodeTarget::Kind::rest, 0});
    return check_rest_not_empty(to_field, {from, to});
  }
  return parse_name_or_list(to_field, true, fmt::format("{}, or 'rest'", expected), seen, to);
}

}  // namespace faultline
