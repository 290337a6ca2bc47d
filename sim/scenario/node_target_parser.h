// File: node_target_parser.h
// Resolves the node names of fault entries (`n3`, `leader`, `rest`, `all`, lists of names)
// against the cluster size. Owns the invariant that every NodeTarget of kind `node` the parser
// produces holds a server number in 1..nodes, and that no node is named twice in one fault.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

class NodeTargetParser {
 public:
  explicit NodeTargetParser(uint32_t node_count) : node_count_(node_count) {}

  // partition: [[n1, leader], [n2], rest]: at least two groups, each a non-empty list of node
  // names or `leader`, or the word `rest` (at most once); no node in two groups; `rest` not
  // provably empty (check_rest_not_empty).
  Status parse_partition(const YamlField& field,
                         std::vector<std::vector<NodeTarget>>& groups) const;
  // heal: all.
  Status parse_heal(const YamlField& field) const;
  // crash: n3 | leader | [n1, n2].
  Status parse_crash(const YamlField& field, std::vector<NodeTarget>& targets) const;
  // restart: n3 | all | [n1, n2].
  Status parse_restart(const YamlField& field, std::vector<NodeTarget>& targets) const;

 private:
  // A target scalar: a node name, or `leader` when `allow_leader`. `expected` describes the
  // accepted forms for the message.
  Status parse_name(const YamlField& field, bool allow_leader, std::string_view expected,
                    NodeTarget& out) const;
  // A non-empty list of distinct node names; `seen` collects across calls (partition groups).
  Status parse_name_list(const YamlField& field, bool allow_leader, std::string_view expected,
                         std::vector<NodeTarget>& seen, std::vector<NodeTarget>& out) const;
  std::string expected_name() const;
  // Rejects a `rest` group that is empty whenever the fault fires: the other groups' node names
  // cover every node, or every node but one while a group is [leader] alone. A `rest` that is
  // empty only for some leaders (such as [[leader, n1], [n2], rest] with 3 nodes) is accepted.
  Status check_rest_not_empty(const YamlField& rest,
                              const std::vector<std::vector<NodeTarget>>& groups) const;

  uint32_t node_count_;
};

}  // namespace faultline
