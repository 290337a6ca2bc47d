// File: leaderless_ring.cc
// Ring construction and the clockwise walk.
#include "protocols/replication/leaderless_ring.h"

#include <algorithm>

#include <fmt/format.h>

#include "sim/base/check.h"

namespace faultline::replication {

uint64_t fnv1a_64(std::string_view bytes) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (char byte : bytes) {
    hash ^= static_cast<uint8_t>(byte);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

HashRing::HashRing(uint32_t node_count, uint32_t virtual_nodes, uint32_t replication_factor)
    : replication_factor_(replication_factor) {
  FL_CHECK(replication_factor >= 1 && replication_factor <= node_count && virtual_nodes >= 1,
           "ring of {} nodes x {} positions cannot place {} replicas", node_count, virtual_nodes,
           replication_factor);
  for (uint32_t number = 1; number <= node_count; ++number) {
    for (uint32_t index = 0; index < virtual_nodes; ++index) {
      positions_.push_back(Position{fnv1a_64(fmt::format("n{}#{}", number, index)), number});
    }
  }
  std::sort(positions_.begin(), positions_.end(), [](const Position& left, const Position& right) {
    return left.hash != right.hash ? left.hash < right.hash : left.node_number < right.node_number;
  });
}

std::vector<NodeId> HashRing::preference_list(std::string_view key) const {
  uint64_t hash = fnv1a_64(key);
  auto first = std::lower_bound(
      positions_.begin(), positions_.end(), hash,
      [](const Position& position, uint64_t value) { return position.hash < value; });
  size_t start = static_cast<size_t>(first - positions_.begin());
  std::vector<NodeId> nodes;
  for (size_t step = 0; step < positions_.size() && nodes.size() < replication_factor_; ++step) {
    NodeId node = NodeId::server(positions_[(start + step) % positions_.size()].node_number);
    if (std::find(nodes.begin(), nodes.end(), node) == nodes.end()) {
      nodes.push_back(node);
    }
  }
  FL_CHECK(nodes.size() == replication_factor_, "ring walk found {} of {} replicas", nodes.size(),
           replication_factor_);
  return nodes;
}

bool HashRing::is_replica(std::string_view key, NodeId node) const {
  std::vector<NodeId> nodes = preference_list(key);
  return std::find(nodes.begin(), nodes.end(), node) != nodes.end();
}

std::string describe_nodes(const std::vector<NodeId>& nodes) {
  std::string text;
  for (NodeId node : nodes) {
    text += (text.empty() ? "" : ",") + node.name();
  }
  return text;
}

}  // namespace faultline::replication
