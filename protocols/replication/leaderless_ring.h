// File: leaderless_ring.h
// The consistent-hash ring of the leaderless store (Dynamo, DeCandia et al. 2007, section 4.2,
// and the preference list of section 4.3). Owns the invariant that every node computes the same
// preference list for a key: positions are FNV-1a 64 hashes of fixed strings (the same on every
// compiler and platform), ties broken by node number, and the ring is built once from the static
// membership (n1..nN; Dynamo's membership changes are left out, README.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/base/node_id.h"

namespace faultline::replication {

// FNV-1a 64 over `bytes` (Fowler, Noll, Vo): the ring's one hash function.
uint64_t fnv1a_64(std::string_view bytes);

class HashRing {
 public:
  // The ring of servers n1..n`node_count`, each at `virtual_nodes` positions: the hash of
  // "n<number>#<v>" for v in 0..virtual_nodes-1. Requires 1 <= replication_factor <= node_count.
  HashRing(uint32_t node_count, uint32_t virtual_nodes, uint32_t replication_factor);

  // The key's preference list: walking clockwise from the first position at or after the key's
  // hash (wrapping around), the first `replication_factor` distinct nodes, in walk order. The
  // first is the key's coordinator in Dynamo; here any node may coordinate (README.md).
  std::vector<NodeId> preference_list(std::string_view key) const;
  // Whether `node` is among the key's replicas.
  bool is_replica(std::string_view key, NodeId node) const;
  uint32_t replication_factor() const { return replication_factor_; }

 private:
  struct Position {
    uint64_t hash;
    uint32_t node_number;
  };
  std::vector<Position> positions_;  // sorted by (hash, node_number)
  uint32_t replication_factor_;
};

// "n1,n2,n3": a preference list as one trace field.
std::string describe_nodes(const std::vector<NodeId>& nodes);

}  // namespace faultline::replication
