// File: network_parser.cc
// The network section: per-message behaviour, topology and link overrides.
#include "sim/scenario/network_parser.h"

#include <fmt/format.h>
#include <map>
#include <utility>

#include "sim/scenario/node_target_parser.h"
#include "sim/scenario/yaml_map.h"

namespace faultline {
namespace {

Status parse_latency_map(const YamlField& field, LatencySpec& latency) {
  Result<YamlMap> map = YamlMap::open(field, "a duration such as 2ms or a map with 'dist'");
  if (!map) {
    return map.error();
  }
  Result<YamlField> dist = map->require("dist");
  if (!dist) {
    return dist.error();
  }
  auto read = [&](std::string_view key, Duration& out, DurationFloor floor) -> Status {
    Result<YamlField> value = map->require(key);
    return value ? value->read_duration(out, floor) : Status(value.error());
  };
  const std::string& kind = dist->text();
  if (kind == "constant") {
    latency.kind = LatencySpec::Kind::constant;
    FL_SCENARIO_TRY(map->check_known({"dist", "value"}));
    return read("value", latency.value, DurationFloor::zero);
  }
  if (kind == "uniform") {
    latency.kind = LatencySpec::Kind::uniform;
    FL_SCENARIO_TRY(map->check_known({"dist", "min", "max"}));
    FL_SCENARIO_TRY(read("min", latency.min, DurationFloor::zero));
    FL_SCENARIO_TRY(read("max", latency.max, DurationFloor::zero));
    if (latency.max < latency.min) {
      YamlField max = *map->find("max");
      return max.error(fmt::format("must be at least min ({}), got '{}'",
                                   format_duration(latency.min), max.text()));
    }
    return std::nullopt;
  }
  if (kind == "exponential") {
    latency.kind = LatencySpec::Kind::exponential;
    FL_SCENARIO_TRY(map->check_known({"dist", "mean"}));
    return read("mean", latency.mean, DurationFloor::positive);
  }
  if (kind == "lognormal") {
    latency.kind = LatencySpec::Kind::lognormal;
    FL_SCENARIO_TRY(map->check_known({"dist", "median", "p99"}));
    FL_SCENARIO_TRY(read("median", latency.median, DurationFloor::positive));
    FL_SCENARIO_TRY(read("p99", latency.p99, DurationFloor::positive));
    if (latency.p99 < latency.median) {
      YamlField p99 = *map->find("p99");
      return p99.error(fmt::format("must be at least the median ({}), got '{}'",
                                   format_duration(latency.median), p99.text()));
    }
    return std::nullopt;
  }
  return dist->expected("a distribution: constant, uniform, exponential or lognormal");
}

Status parse_latency(const YamlField& field, LatencySpec& latency) {
  if (field.is_scalar()) {
    latency = LatencySpec{};
    return field.read_duration(latency.value, DurationFloor::zero);
  }
  return parse_latency_map(field, latency);
}

Status parse_link(const YamlField& field, TierLinkSpec& link) {
  Result<YamlMap> map = YamlMap::open(
      field, "a link map such as { latency: 1ms, bandwidth: 10Gbps }", {"latency", "bandwidth"});
  if (!map) {
    return map.error();
  }
  FL_SCENARIO_TRY(read_optional(*map, "latency", [&](const YamlField& value) -> Status {
    Duration latency;
    FL_SCENARIO_TRY(value.read_duration(latency, DurationFloor::zero));
    link.latency = latency;
    return std::nullopt;
  }));
  return read_optional(*map, "bandwidth", [&](const YamlField& value) -> Status {
    uint64_t bandwidth = 0;
    FL_SCENARIO_TRY(value.read_bandwidth(bandwidth));
    link.bandwidth_bytes_per_second = bandwidth;
    return std::nullopt;
  });
}

// Assigns racks to servers: every server in exactly one rack (checked by the caller at the end).
class RackAssignment {
 public:
  explicit RackAssignment(const NodeTargetParser& targets)
      : targets_(targets), rack_of_(targets.node_count() + 1, "") {}

  // One rack: a non-empty list of node names not used by an earlier rack.
  Status add_rack(const YamlField& field, std::vector<uint32_t>& rack) {
    std::vector<YamlField> elements = field.elements();
    if (!field.is_list() || elements.empty()) {
      return field.expected("a rack: a non-empty list of node names such as [n1, n2]");
    }
    for (const YamlField& element : elements) {
      uint32_t number = 0;
      FL_SCENARIO_TRY(targets_.parse_server(element, number));
      if (!rack_of_[number].empty()) {
        return element.error(
            fmt::format("node 'n{}' is in two racks (first in {})", number, rack_of_[number]));
      }
      rack_of_[number] = field.path();
      rack.push_back(number);
    }
    return std::nullopt;
  }

  // Every server placed; the error names the first one missing, at `field` (racks or regions).
  Status check_complete(const YamlField& field) const {
    for (uint32_t number = 1; number < rack_of_.size(); ++number) {
      if (rack_of_[number].empty()) {
        return field.error(
            fmt::format("node 'n{}' is in no rack: every server ({}) must be in "
                        "exactly one rack",
                        number, targets_.expected_name()));
      }
    }
    return std::nullopt;
  }

 private:
  const NodeTargetParser& targets_;
  std::vector<std::string> rack_of_;  // server number -> path of its rack ("" = none yet)
};

Status parse_racks(const YamlField& field, RackAssignment& assignment,
                   std::vector<std::vector<uint32_t>>& racks) {
  std::vector<YamlField> elements = field.elements();
  if (!field.is_list() || elements.empty()) {
    return field.expected("a non-empty list of racks such as [[n1, n2], [n3]]");
  }
  for (const YamlField& element : elements) {
    racks.emplace_back();
    FL_SCENARIO_TRY(assignment.add_rack(element, racks.back()));
  }
  return std::nullopt;
}

Status parse_regions(const YamlField& field, RackAssignment& assignment, TopologySpec& topology) {
  std::vector<YamlField> elements = field.elements();
  if (!field.is_list() || elements.empty()) {
    return field.expected("a non-empty list of regions such as [[[n1, n2], [n3]], [[n4]]]");
  }
  for (const YamlField& element : elements) {
    topology.regions.emplace_back();
    FL_SCENARIO_TRY(parse_racks(element, assignment, topology.regions.back()));
    const std::vector<std::vector<uint32_t>>& region = topology.regions.back();
    topology.racks.insert(topology.racks.end(), region.begin(), region.end());
  }
  return std::nullopt;
}

Status parse_links_of(const YamlMap& map, TopologySpec& topology) {
  for (const auto& tier : {std::pair{"intra_rack", &topology.intra_rack},
                           std::pair{"inter_rack", &topology.inter_rack},
                           std::pair{"inter_region", &topology.inter_region}}) {
    // Not a structured binding: clang 14 (Debian 12) cannot capture one in a lambda.
    TierLinkSpec* link = tier.second;
    FL_SCENARIO_TRY(read_optional(
        map, tier.first, [&](const YamlField& value) { return parse_link(value, *link); }));
  }
  return std::nullopt;
}

Status parse_topology(const YamlField& field, const NodeTargetParser& targets,
                      TopologySpec& topology) {
  Result<YamlMap> map = YamlMap::open(field, "a topology map such as { kind: mesh }");
  if (!map) {
    return map.error();
  }
  Result<YamlField> kind = map->require("kind");
  if (!kind) {
    return kind.error();
  }
  RackAssignment assignment(targets);
  if (kind->text() == "mesh") {
    topology.kind = TopologySpec::Kind::mesh;
    return map->check_known({"kind"});
  }
  if (kind->text() == "racks") {
    topology.kind = TopologySpec::Kind::racks;
    FL_SCENARIO_TRY(map->check_known({"kind", "racks", "intra_rack", "inter_rack"}));
    Result<YamlField> racks = map->require("racks");
    if (!racks) {
      return racks.error();
    }
    FL_SCENARIO_TRY(parse_racks(*racks, assignment, topology.racks));
    FL_SCENARIO_TRY(assignment.check_complete(*racks));
    return parse_links_of(*map, topology);
  }
  if (kind->text() == "regions") {
    topology.kind = TopologySpec::Kind::regions;
    FL_SCENARIO_TRY(
        map->check_known({"kind", "regions", "intra_rack", "inter_rack", "inter_region"}));
    Result<YamlField> regions = map->require("regions");
    if (!regions) {
      return regions.error();
    }
    FL_SCENARIO_TRY(parse_regions(*regions, assignment, topology));
    FL_SCENARIO_TRY(assignment.check_complete(*regions));
    return parse_links_of(*map, topology);
  }
  return kind->expected("a topology kind: mesh, racks or regions");
}

Status parse_link_values(const YamlMap& map, LinkOverrideSpec& link) {
  FL_SCENARIO_TRY(read_optional(map, "latency", [&](const YamlField& value) -> Status {
    LatencySpec latency;
    FL_SCENARIO_TRY(parse_latency(value, latency));
    link.latency = latency;
    return std::nullopt;
  }));
  FL_SCENARIO_TRY(read_optional(map, "bandwidth", [&](const YamlField& value) -> Status {
    uint64_t bandwidth = 0;
    FL_SCENARIO_TRY(value.read_bandwidth(bandwidth));
    link.bandwidth_bytes_per_second = bandwidth;
    return std::nullopt;
  }));
  FL_SCENARIO_TRY(read_optional(map, "loss", [&](const YamlField& value) -> Status {
    Ratio loss;
    FL_SCENARIO_TRY(value.read_ratio(loss));
    link.loss = loss;
    return std::nullopt;
  }));
  return read_optional(map, "one_way",
                       [&](const YamlField& value) { return value.read_bool(link.one_way); });
}

Result<LinkOverrideSpec> parse_link_override(const YamlField& field,
                                             const NodeTargetParser& targets) {
  Result<YamlMap> map =
      YamlMap::open(field, "a link override such as { from: n1, to: n2, latency: 20ms }",
                    {"from", "to", "latency", "bandwidth", "loss", "one_way"});
  if (!map) {
    return map.error();
  }
  LinkOverrideSpec link;
  link.line = field.line();
  Result<YamlField> from = map->require("from");
  if (!from) {
    return from.error();
  }
  FL_SCENARIO_TRY(targets.parse_server(*from, link.from));
  Result<YamlField> to = map->require("to");
  if (!to) {
    return to.error();
  }
  FL_SCENARIO_TRY(targets.parse_server(*to, link.to));
  if (link.from == link.to) {
    return to->error(
        fmt::format("a link joins two different nodes, got from and to both 'n{}'", link.to));
  }
  if (!map->find("latency") && !map->find("bandwidth") && !map->find("loss")) {
    return field.error("a link override needs at least one of latency, bandwidth, loss");
  }
  FL_SCENARIO_TRY(parse_link_values(*map, link));
  return link;
}

Status parse_links(const YamlField& field, const NodeTargetParser& targets,
                   std::vector<LinkOverrideSpec>& links) {
  if (!field.is_list()) {
    return field.expected("a list of link overrides");
  }
  // Directed pair -> line of the override that covers it; looked up, never iterated.
  std::map<std::pair<uint32_t, uint32_t>, int> covered;
  for (const YamlField& element : field.elements()) {
    Result<LinkOverrideSpec> link = parse_link_override(element, targets);
    if (!link) {
      return link.error();
    }
    std::vector<std::pair<uint32_t, uint32_t>> pairs = {{link->from, link->to}};
    if (!link->one_way) {
      pairs.emplace_back(link->to, link->from);
    }
    for (const auto& pair : pairs) {
      auto [first, inserted] = covered.try_emplace(pair, link->line);
      if (!inserted) {
        return element.error(fmt::format("link n{} -> n{} is already overridden at line {}",
                                         pair.first, pair.second, first->second));
      }
    }
    links.push_back(std::move(*link));
  }
  return std::nullopt;
}

Status parse_message_faults(const YamlMap& map, NetworkSpec& network) {
  FL_SCENARIO_TRY(read_optional(
      map, "loss", [&](const YamlField& value) { return value.read_ratio(network.loss); }));
  FL_SCENARIO_TRY(read_optional(map, "duplicate", [&](const YamlField& value) {
    return value.read_ratio(network.duplicate);
  }));
  FL_SCENARIO_TRY(read_optional(
      map, "reorder", [&](const YamlField& value) { return value.read_ratio(network.reorder); }));
  FL_SCENARIO_TRY(read_optional(map, "reorder_window", [&](const YamlField& value) {
    return value.read_duration(network.reorder_window, DurationFloor::positive);
  }));
  FL_SCENARIO_TRY(read_optional(map, "bandwidth", [&](const YamlField& value) {
    return value.read_bandwidth(network.bandwidth_bytes_per_second);
  }));
  return read_optional(map, "queue_capacity", [&](const YamlField& value) {
    return value.read_size(network.queue_capacity_bytes);
  });
}

}  // namespace

Status parse_network(const YamlField& field, uint32_t node_count, NetworkSpec& network) {
  Result<YamlMap> map = YamlMap::open(field, "a map such as { latency: 2ms, loss: 0.001 }",
                                      {"latency", "loss", "duplicate", "reorder", "reorder_window",
                                       "bandwidth", "queue_capacity", "topology", "links"});
  if (!map) {
    return map.error();
  }
  FL_SCENARIO_TRY(read_optional(*map, "latency", [&](const YamlField& value) {
    return parse_latency(value, network.latency);
  }));
  FL_SCENARIO_TRY(parse_message_faults(*map, network));
  NodeTargetParser targets(node_count);
  FL_SCENARIO_TRY(read_optional(*map, "topology", [&](const YamlField& value) {
    return parse_topology(value, targets, network.topology);
  }));
  return read_optional(*map, "links", [&](const YamlField& value) {
    return parse_links(value, targets, network.links);
  });
}

}  // namespace faultline
