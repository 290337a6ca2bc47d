// File: topology.h
// The topology as a Boost.Graph graph (DESIGN.md "Network": full mesh, racks, regions) reduced
// once, at construction, to a per server-pair table of propagation latency and bottleneck
// bandwidth, so that deciding a message's fate does no graph work. Owns the invariant that a
// path's latency is exactly its highest tier's latency (same rack -> intra_rack, same region ->
// inter_rack, else inter_region) and its bandwidth the minimum over the links it crosses.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/network/network_config.h"
#include "sim/base/time.h"

namespace faultline {

struct PathProperties {
  Duration propagation = Duration{0};
  uint64_t bandwidth_bytes_per_second = unlimited_bandwidth;
};

// The smaller of two bandwidths where unlimited_bandwidth (0) is the largest.
uint64_t min_bandwidth(uint64_t left, uint64_t right);

// The table for servers 1..server_count, indexed (from - 1) * server_count + (to - 1). A server's
// path to itself has no latency and no bandwidth limit; kind mesh gives that for every pair.
// Errors: a server missing from or repeated in the racks is an FL_CHECK failure (the scenario
// parser rejects such input first).
std::vector<PathProperties> compute_path_table(const TopologyConfig& topology,
                                               uint32_t server_count);

// "mesh", "racks(2 racks)", "regions(2 regions, 4 racks)".
std::string describe_topology(const TopologyConfig& topology);

}  // namespace faultline
