// File: topology.cc
// Builds the switch graph and runs Dijkstra from every server.
//
// Vertices: one per server, and an "up" and a "down" vertex per rack switch, per region switch
// (or the one spine of kind racks) and for the core (kind regions). A message climbs up-vertices
// to the lowest switch its two servers share, turns there, and descends down-vertices. The turn
// edge carries that tier's latency; every other edge carries none, so each path's latency is
// exactly one tier latency whatever the values are (no halving of odd nanoseconds, no negative
// weights). Dijkstra runs on hop counts: the fewest-hop path turns at the lowest shared switch.
#include "models/network/topology.h"

#include <fmt/format.h>
#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <optional>

#include "sim/base/check.h"

namespace faultline {
namespace {

struct EdgeProperties {
  uint32_t hops = 1;
  Duration latency = Duration{0};
  uint64_t bandwidth_bytes_per_second = unlimited_bandwidth;
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                    EdgeProperties>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

// A switch as its up vertex (reached climbing) and its down vertex (left descending).
struct Switch {
  Vertex up;
  Vertex down;
};

Switch add_switch(Graph& graph, const LinkSpec& turn) {
  Switch result{boost::add_vertex(graph), boost::add_vertex(graph)};
  boost::add_edge(result.up, result.down, EdgeProperties{1, turn.latency, unlimited_bandwidth},
                  graph);
  return result;
}

// Links `child` below `parent` with links of the given bandwidth, both directions.
void attach(Graph& graph, Vertex child_up, Vertex child_down, const Switch& parent,
            uint64_t bandwidth) {
  boost::add_edge(child_up, parent.up, EdgeProperties{1, Duration{0}, bandwidth}, graph);
  boost::add_edge(parent.down, child_down, EdgeProperties{1, Duration{0}, bandwidth}, graph);
}

// The racks grouped by region: kind racks is one region.
std::vector<std::vector<std::vector<NodeId>>> regions_of(const TopologyConfig& topology) {
  if (topology.kind == TopologyConfig::Kind::racks) {
    return {topology.racks};
  }
  return topology.regions;
}

Graph build_graph(const TopologyConfig& topology, uint32_t server_count) {
  Graph graph(server_count);  // vertices 0..N-1: servers n1..nN
  std::vector<bool> placed(server_count + 1, false);
  std::optional<Switch> core;
  if (topology.kind == TopologyConfig::Kind::regions) {
    core = add_switch(graph, topology.inter_region);
  }
  for (const auto& region : regions_of(topology)) {
    // Kind racks: the spine above every rack. Kind regions: the region switch.
    Switch top = add_switch(graph, topology.inter_rack);
    if (core) {
      attach(graph, top.up, top.down, *core, topology.inter_region.bandwidth_bytes_per_second);
    }
    for (const auto& rack : region) {
      Switch rack_switch = add_switch(graph, topology.intra_rack);
      attach(graph, rack_switch.up, rack_switch.down, top,
             topology.inter_rack.bandwidth_bytes_per_second);
      for (NodeId server : rack) {
        FL_CHECK(server.is_server() && server.number() <= server_count,
                 "topology names {} among {} servers", server.name(), server_count);
        FL_CHECK(!placed[server.number()], "{} is in two racks", server.name());
        placed[server.number()] = true;
        Vertex vertex = server.number() - 1;
        attach(graph, vertex, vertex, rack_switch, topology.intra_rack.bandwidth_bytes_per_second);
      }
    }
  }
  for (uint32_t number = 1; number <= server_count; ++number) {
    FL_CHECK(placed[number], "n{} is in no rack", number);
  }
  return graph;
}

}  // namespace

uint64_t min_bandwidth(uint64_t left, uint64_t right) {
  if (left == unlimited_bandwidth) {
    return right;
  }
  return right == unlimited_bandwidth ? left : std::min(left, right);
}

std::vector<PathProperties> compute_path_table(const TopologyConfig& topology,
                                               uint32_t server_count) {
  std::vector<PathProperties> table(size_t{server_count} * server_count);
  if (topology.kind == TopologyConfig::Kind::mesh) {
    return table;
  }
  Graph graph = build_graph(topology, server_count);
  std::vector<Vertex> predecessor(boost::num_vertices(graph));
  std::vector<uint32_t> distance(boost::num_vertices(graph));
  for (uint32_t from = 1; from <= server_count; ++from) {
    boost::dijkstra_shortest_paths(graph, Vertex{from - 1},
                                   boost::predecessor_map(predecessor.data())
                                       .distance_map(distance.data())
                                       .weight_map(boost::get(&EdgeProperties::hops, graph)));
    for (uint32_t to = 1; to <= server_count; ++to) {
      if (to == from) {
        continue;
      }
      PathProperties path;
      for (Vertex vertex = to - 1; vertex != from - 1; vertex = predecessor[vertex]) {
        FL_CHECK(predecessor[vertex] != vertex, "no path n{} -> n{}", from, to);
        auto [edge, found] = boost::edge(predecessor[vertex], vertex, graph);
        FL_CHECK(found, "broken predecessor chain n{} -> n{}", from, to);
        const EdgeProperties& link = graph[edge];
        path.propagation = path.propagation + link.latency;
        path.bandwidth_bytes_per_second =
            min_bandwidth(path.bandwidth_bytes_per_second, link.bandwidth_bytes_per_second);
      }
      table[size_t{from - 1} * server_count + (to - 1)] = path;
    }
  }
  return table;
}

std::string describe_topology(const TopologyConfig& topology) {
  switch (topology.kind) {
    case TopologyConfig::Kind::mesh:
      return "mesh";
    case TopologyConfig::Kind::racks:
      return fmt::format("racks({} racks)", topology.racks.size());
    case TopologyConfig::Kind::regions: {
      size_t racks = 0;
      for (const auto& region : topology.regions) {
        racks += region.size();
      }
      return fmt::format("regions({} regions, {} racks)", topology.regions.size(), racks);
    }
  }
  return "?";
}

}  // namespace faultline
