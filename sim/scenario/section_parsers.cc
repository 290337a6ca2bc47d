// File: section_parsers.cc
// The cluster, network, disk and workload sections.
#include "sim/scenario/section_parsers.h"

#include <fmt/format.h>

#include "sim/scenario/yaml_map.h"

namespace faultline {
namespace {

constexpr uint32_t max_nodes = 64;
constexpr uint32_t max_entries_per_append = 10'000;

Status parse_election_timeout(const YamlField& field, RaftParams& raft) {
  std::vector<YamlField> bounds = field.elements();
  if (bounds.size() != 2) {
    return field.expected("[min, max] such as [150ms, 300ms]");
  }
  FL_SCENARIO_TRY(bounds[0].read_duration(raft.election_timeout_min, DurationFloor::positive));
  FL_SCENARIO_TRY(bounds[1].read_duration(raft.election_timeout_max, DurationFloor::positive));
  if (raft.election_timeout_max < raft.election_timeout_min) {
    return bounds[1].error(
        fmt::format("max must be at least min ({}), got '{}'", bounds[0].text(), bounds[1].text()));
  }
  return std::nullopt;
}

Status parse_raft_params(const YamlField& field, RaftParams& raft) {
  Result<YamlMap> map =
      YamlMap::open(field, "a map of raft parameters",
                    {"election_timeout", "heartbeat_interval", "max_entries_per_append", "bug"});
  if (!map) {
    return map.error();
  }
  FL_SCENARIO_TRY(read_optional(*map, "election_timeout", [&](const YamlField& value) {
    return parse_election_timeout(value, raft);
  }));
  FL_SCENARIO_TRY(read_optional(*map, "heartbeat_interval", [&](const YamlField& value) {
    return value.read_duration(raft.heartbeat_interval, DurationFloor::positive);
  }));
  if (raft.heartbeat_interval >= raft.election_timeout_min) {
    std::optional<YamlField> blamed = map->find("heartbeat_interval");
    return (blamed ? *blamed : *map->find("election_timeout"))
        .error(fmt::format(
            "heartbeat_interval ({}) must be less than the election_timeout min ({})",
            format_duration(raft.heartbeat_interval), format_duration(raft.election_timeout_min)));
  }
  FL_SCENARIO_TRY(read_optional(*map, "max_entries_per_append", [&](const YamlField& value) {
    return value.read_unsigned(raft.max_entries_per_append, 1, max_entries_per_append);
  }));
  return read_optional(*map, "bug", [&](const YamlField& value) -> Status {
    if (!value.is_scalar() || value.text() != "commit_old_term_by_count") {
      return value.expected("a known bug: commit_old_term_by_count");
    }
    raft.bug = value.text();
    return std::nullopt;
  });
}

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

}  // namespace

Status parse_cluster(const YamlField& field, ClusterSpec& cluster) {
  Result<YamlMap> map = YamlMap::open(field, "a map such as { nodes: 5, protocol: raft }",
                                      {"nodes", "protocol", "params"});
  if (!map) {
    return map.error();
  }
  Result<YamlField> nodes = map->require("nodes");
  if (!nodes) {
    return nodes.error();
  }
  FL_SCENARIO_TRY(nodes->read_unsigned(cluster.nodes, 1, max_nodes));
  FL_SCENARIO_TRY(read_optional(*map, "protocol", [&](const YamlField& value) -> Status {
    if (!value.is_scalar() || value.text() != "raft") {
      return value.expected("a known protocol: raft");
    }
    cluster.protocol = value.text();
    return std::nullopt;
  }));
  return read_optional(*map, "params", [&](const YamlField& value) {
    return parse_raft_params(value, cluster.raft);
  });
}

Status parse_network(const YamlField& field, NetworkSpec& network) {
  Result<YamlMap> map =
      YamlMap::open(field, "a map such as { latency: 2ms, loss: 0.001 }", {"latency", "loss"});
  if (!map) {
    return map.error();
  }
  FL_SCENARIO_TRY(read_optional(*map, "latency", [&](const YamlField& value) {
    return parse_latency(value, network.latency);
  }));
  return read_optional(*map, "loss",
                       [&](const YamlField& value) { return value.read_ratio(network.loss); });
}

Status parse_disk(const YamlField& field, DiskSpec& disk) {
  Result<YamlMap> map =
      YamlMap::open(field, "a map such as { sync_latency: 1ms, lose_unsynced_on_crash: true }",
                    {"sync_latency", "lose_unsynced_on_crash"});
  if (!map) {
    return map.error();
  }
  FL_SCENARIO_TRY(read_optional(*map, "sync_latency", [&](const YamlField& value) {
    return value.read_duration(disk.sync_latency, DurationFloor::zero);
  }));
  return read_optional(*map, "lose_unsynced_on_crash", [&](const YamlField& value) {
    return value.read_bool(disk.lose_unsynced_on_crash);
  });
}

}  // namespace faultline
