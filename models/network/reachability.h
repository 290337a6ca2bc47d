// File: reachability.h
// Which servers can send to which (DESIGN.md "Network": partitions symmetric or one-way). A
// directed bit matrix over servers 1..N (N <= 64) plus builders for the partition shapes people
// use (Jepsen's nemesis vocabulary): groups, isolate, majority/minority split, bridge, majorities
// ring, one-way cut. Pure data: random choices (which node to isolate) belong to the caller.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace faultline {

class Reachability {
 public:
  static constexpr uint32_t max_servers = 64;

  // Every server reaches every server. Errors: server_count > 64 is an FL_CHECK failure.
  explicit Reachability(uint32_t server_count = 0);

  uint32_t server_count() const { return server_count_; }
  // Whether a message from server `from` can reach server `to` (1-based numbers). A server
  // always reaches itself.
  bool can_reach(uint32_t from, uint32_t to) const;
  // Cuts (or restores) the one directed path from -> to. from == to is ignored.
  void cut(uint32_t from, uint32_t to);
  void connect(uint32_t from, uint32_t to);
  // True when nothing is cut.
  bool is_full() const;
  // Servers that are up and reach-and-are-reached-by (both ways) at least a majority
  // (floor(N/2)+1) of all servers counting themselves, among servers that are up.
  // `up` is indexed by server number (size N+1, index 0 unused).
  std::vector<bool> well_connected(const std::vector<bool>& up) const;
  // "n1,n2|n3,n4,n5" for group partitions, or the list of cut paths "n1->n2 n1->n3" otherwise;
  // "full" when nothing is cut.
  std::string describe() const;

  friend bool operator==(const Reachability&, const Reachability&) = default;

  // --- Shapes. Node numbers are 1-based; each builder FL_CHECKs its arguments. ---
  // Servers in different groups cannot reach each other either way; servers in no group form one
  // more group together.
  static Reachability groups(uint32_t server_count,
                             const std::vector<std::vector<uint32_t>>& groups);
  // `node` alone on one side, everyone else on the other.
  static Reachability isolate(uint32_t server_count, uint32_t node);
  // `minority` on one side, the rest on the other.
  static Reachability split(uint32_t server_count, const std::vector<uint32_t>& minority);
  // `half_a` and `half_b` cannot reach each other; `bridge` reaches and is reached by both.
  static Reachability bridge(uint32_t server_count, uint32_t bridge,
                             const std::vector<uint32_t>& half_a,
                             const std::vector<uint32_t>& half_b);
  // Servers on a ring in number order; each reaches (both ways) exactly the servers within ring
  // distance floor(majority/2) of it, so each sees a majority window centred on itself and no two
  // see the same majority (Jepsen's "majorities ring").
  static Reachability ring(uint32_t server_count);
  // Messages from any of `from` to any of `to` are dropped; the reverse direction still flows.
  static Reachability one_way(uint32_t server_count, const std::vector<uint32_t>& from,
                              const std::vector<uint32_t>& to);

 private:
  uint32_t server_count_ = 0;
  // reach_[from - 1] bit (to - 1): from can reach to.
  std::vector<uint64_t> reach_;
};

}  // namespace faultline
