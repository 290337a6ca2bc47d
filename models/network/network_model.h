// File: network_model.h
// The network as a policy (DESIGN.md "Network"): given a message about to be sent, decide whether
// it is lost and how long it takes. It schedules nothing; sim/cluster's Fabric turns decisions into
// delivery events. Owns the partition state: which servers can reach which.
//
// Version 1: one latency distribution for every path, independent loss, symmetric partitions into
// groups. Clients are outside the partitioned network: a client reaches every server and back.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/base/node_id.h"
#include "sim/base/ratio.h"
#include "sim/base/rng.h"
#include "sim/base/time.h"

namespace faultline {

// One-way latency (ns) drawn per message.
struct LatencyDistribution {
  enum class Kind { constant, uniform, exponential, lognormal };
  Kind kind = Kind::constant;
  Duration first = Duration::milliseconds(
      1);  // constant: value; uniform: min; exponential: mean; lognormal: median
  Duration second = Duration{0};  // uniform: max; lognormal: p99

  Duration draw(Rng& rng) const;
  // "lognormal(median=2ms,p99=20ms)".
  std::string describe() const;
};

struct NetworkConfig {
  LatencyDistribution latency;
  Ratio loss = Ratio::zero();  // probability 0..1 that a message is lost
  uint32_t server_count = 0;
};

struct LinkDecision {
  enum class Outcome { deliver, lost, partitioned };
  Outcome outcome = Outcome::deliver;
  Duration delay;  // when delivered
};

class NetworkModel {
 public:
  explicit NetworkModel(NetworkConfig config);

  // Splits the servers into the given groups (each a list of servers; every server in at most one
  // group; servers in no group form one more group together). Replaces any earlier partition.
  void partition(const std::vector<std::vector<NodeId>>& groups);
  // Reconnects every server.
  void heal();
  // Whether a message from `source` can currently reach `target`.
  bool can_reach(NodeId source, NodeId target) const;

  // Decides the fate of one message on the path source -> target, drawing from `path_rng` (the
  // stream of that directed path).
  LinkDecision decide(NodeId source, NodeId target, Rng& path_rng) const;

  const NetworkConfig& config() const { return config_; }

 private:
  NetworkConfig config_;
  std::vector<uint32_t> group_of_server_;  // index: server number; 0 = the unnamed group
  bool partitioned_ = false;
};

}  // namespace faultline
