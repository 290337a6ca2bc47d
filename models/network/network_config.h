// File: network_config.h
// What a scenario says about the network (plan issue 3, "network"): the per-message latency
// distribution, loss/duplicate/reorder probabilities, bandwidth and link queue capacity, the
// topology (mesh, racks, regions) and per-link overrides. Plain data; NetworkModel interprets it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
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

// Bandwidth in bytes per second; 0 means unlimited.
constexpr uint64_t unlimited_bandwidth = 0;

// One tier of the topology: the propagation latency of a path whose highest tier this is, and the
// bandwidth of each link of the tier.
struct LinkSpec {
  Duration latency = Duration{0};
  uint64_t bandwidth_bytes_per_second = unlimited_bandwidth;
};

// kind mesh: every server pair is one link with no propagation latency and network.bandwidth.
// kind racks: `racks` lists the servers of each rack (every server in exactly one rack).
// kind regions: `regions` lists the racks of each region, each rack its servers.
// Path latency: same rack -> intra_rack.latency, same region other rack -> inter_rack.latency,
// other region -> inter_region.latency. Path bandwidth: the minimum over the path's links (server
// uplinks are intra_rack links, rack uplinks inter_rack links, region uplinks inter_region links).
struct TopologyConfig {
  enum class Kind { mesh, racks, regions };
  Kind kind = Kind::mesh;
  std::vector<std::vector<NodeId>> racks;                 // kind racks
  std::vector<std::vector<std::vector<NodeId>>> regions;  // kind regions
  LinkSpec intra_rack;
  LinkSpec inter_rack;
  LinkSpec inter_region;
};

// Overrides for one server pair (both directions unless one_way). latency replaces both the
// per-message latency draw and the topology's propagation latency; bandwidth replaces the path
// bandwidth (also network.bandwidth); loss replaces network.loss. Later overrides of the same
// directed pair win field by field.
struct LinkOverride {
  NodeId from;
  NodeId to;
  std::optional<LatencyDistribution> latency;
  std::optional<uint64_t> bandwidth_bytes_per_second;  // > 0
  std::optional<Ratio> loss;
  bool one_way = false;
};

struct NetworkConfig {
  LatencyDistribution latency;
  Ratio loss = Ratio::zero();       // probability that a message is lost
  Ratio duplicate = Ratio::zero();  // probability that a delivered message arrives twice
  Ratio reorder = Ratio::zero();    // probability of an extra delay uniform in [1ns, window]
  Duration reorder_window = Duration::milliseconds(10);
  uint64_t bandwidth_bytes_per_second = unlimited_bandwidth;  // per directed server->server link
  uint64_t queue_capacity_bytes = uint64_t{4} << 20;          // per directed link FIFO
  TopologyConfig topology;
  std::vector<LinkOverride> links;
  uint32_t server_count = 0;
};

}  // namespace faultline
