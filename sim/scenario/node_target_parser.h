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

  uint32_t node_count() const { return node_count_; }

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
  // wipe: n3 | [n1, n2] (node names only).
  Status parse_nodes(const YamlField& field, std::vector<NodeTarget>& targets) const;
  // One scalar: a node name, `leader` when `allow_leader`, `all` when `allow_all`.
  Status parse_one(const YamlField& field, bool allow_leader, bool allow_all,
                   NodeTarget& out) const;
  // A server number from a node name (topology, links, clock keys).
  Status parse_server(const YamlField& field, uint32_t& number) const;
  // partition one_way: `from` is a node name, `leader` or a list of them; `to` the same or
  // `rest` (every server not in `from`, which must not be provably empty). No node (or
  // `leader`) on both sides.
  Status parse_one_way(const YamlField& from_field, const YamlField& to_field,
                       std::vector<NodeTarget>& from, std::vector<NodeTarget>& to) const;
  // "n1..n5" (or "n1"): the node names the cluster defines.
  std::string expected_name() const;

 private:
  // A target scalar: a node name, or `leader` when `allow_leader`. `expected` describes the
  // accepted forms for the message.
  Status parse_name(const YamlField& field, bool allow_leader, std::string_view expected,
                    NodeTarget& out) const;
  // A non-empty list of distinct node names; `seen` collects across calls (partition groups).
  Status parse_name_list(const YamlField& field, bool allow_leader, std::string_view expected,
                         std::vector<NodeTarget>& seen, std::vector<NodeTarget>& out) const;
  // A scalar name or a list of names (with `leader` when allowed), collecting into `seen`.
  Status parse_name_or_list(const YamlField& field, bool allow_leader, std::string_view expected,
                            std::vector<NodeTarget>& seen, std::vector<NodeTarget>& out) const;
  // Rejects a `rest` group that is empty whenever the fault fires: the other groups' node names
  // cover every node, or every node but one while a group is [leader] alone. A `rest` that is
  // empty only for some leaders (such as [[leader, n1], [n2], rest] with 3 nodes) is accepted.
  Status check_rest_not_empty(const YamlField& rest,
                              const std::vector<std::vector<NodeTarget>>& groups) const;

  uint32_t node_count_;
};

}  // namespace faultline
