// File: section_parsers.cc
// The cluster and disk sections.
#include "sim/scenario/section_parsers.h"

#include <fmt/format.h>
#include <algorithm>

#include "sim/base/check_catalog.h"
#include "sim/scenario/heartbeat_params_parser.h"
#include "sim/scenario/multi_paxos_params_parser.h"
#include "sim/scenario/paxos_params_parser.h"
#include "sim/scenario/replication_params_parser.h"
#include "sim/scenario/yaml_map.h"

namespace faultline {
namespace {

constexpr uint32_t max_nodes = 64;
constexpr uint32_t max_entries_per_append = 10'000;
const std::initializer_list<std::string_view> raft_bugs = {
    "commit_old_term_by_count", "clear_vote_on_append", "count_duplicate_acks", "ack_before_sync"};

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
                    {"election_timeout", "heartbeat_interval", "max_entries_per_append",
                     "max_append_bytes", "pre_vote", "check_quorum", "bug"});
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
  FL_SCENARIO_TRY(read_optional(*map, "max_append_bytes", [&](const YamlField& value) {
    return value.read_unsigned(raft.max_append_bytes, 1, uint64_t{1} << 30);
  }));
  FL_SCENARIO_TRY(read_optional(
      *map, "pre_vote", [&](const YamlField& value) { return value.read_bool(raft.pre_vote); }));
  FL_SCENARIO_TRY(read_optional(*map, "check_quorum", [&](const YamlField& value) {
    return value.read_bool(raft.check_quorum);
  }));
  return read_optional(*map, "bug", [&](const YamlField& value) -> Status {
    if (!value.is_scalar() ||
        std::find(raft_bugs.begin(), raft_bugs.end(), value.text()) == raft_bugs.end()) {
      return value.expected(fmt::format("a known bug: {}", join_names(raft_bugs)));
    }
    raft.bug = value.text();
    return std::nullopt;
  });
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
    if (!value.is_scalar() || !is_known_protocol(value.text())) {
      return value.expected(fmt::format("a known protocol: {}", join_names(protocol_names())));
    }
    cluster.protocol = value.text();
    return std::nullopt;
  }));
  return read_optional(*map, "params", [&](const YamlField& value) -> Status {
    if (cluster.protocol == "paxos") {
      return parse_paxos_params(value, cluster.paxos, cluster.nodes);
    }
    if (cluster.protocol == "multi_paxos") {
      return parse_multi_paxos_params(value, cluster.multi_paxos);
    }
    if (cluster.protocol == "heartbeat") {
      return parse_heartbeat_params(value, cluster.heartbeat);
    }
    if (cluster.protocol == "replication") {
      return parse_replication_params(value, cluster.replication, cluster.nodes);
    }
    return parse_raft_params(value, cluster.raft);
  });
}

Status parse_disk(const YamlField& field, DiskSpec& disk) {
  Result<YamlMap> map = YamlMap::open(
      field, "a map such as { sync_latency: 1ms, lose_unsynced_on_crash: true }",
      {"sync_latency", "write_latency", "lose_unsynced_on_crash", "torn_write", "capacity"});
  if (!map) {
    return map.error();
  }
  FL_SCENARIO_TRY(read_optional(*map, "sync_latency", [&](const YamlField& value) {
    return value.read_duration(disk.sync_latency, DurationFloor::zero);
  }));
  FL_SCENARIO_TRY(read_optional(*map, "write_latency", [&](const YamlField& value) {
    return value.read_duration(disk.write_latency, DurationFloor::zero);
  }));
  FL_SCENARIO_TRY(read_optional(*map, "lose_unsynced_on_crash", [&](const YamlField& value) {
    return value.read_bool(disk.lose_unsynced_on_crash);
  }));
  FL_SCENARIO_TRY(read_optional(*map, "torn_write", [&](const YamlField& value) {
    return value.read_ratio(disk.torn_write);
  }));
  return read_optional(*map, "capacity", [&](const YamlField& value) {
    return value.read_size(disk.capacity_bytes);
  });
}

}  // namespace faultline
