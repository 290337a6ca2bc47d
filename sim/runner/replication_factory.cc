// File: replication_factory.cc
// Maps the scenario's replication params onto the protocol's config: protocols/replication's
// ReplicaNode for the passive and semi_active strategies, and for active (every replica executes
// every request in the order of a consensus log) the log's protocol itself: Raft with its default
// config, or Multi-Paxos with the scenario's detector; for leaderless (Dynamo-style quorums) the
// LeaderlessNode.
#include <fmt/format.h>

#include "protocols/paxos/multi_paxos.h"
#include "protocols/raft/raft.h"
#include "protocols/replication/leaderless_node.h"
#include "protocols/replication/replication.h"
#include "sim/base/check.h"
#include "sim/runner/detector_config.h"
#include "sim/runner/protocol_factory.h"

namespace faultline {
namespace {

ProtocolFactory active_factory(const ReplicationParams& params) {
  if (params.log == "multi_paxos") {
    paxos::MultiPaxosConfig config;
    config.detector = to_detector_config(params.detector);
    return [config](NodeEnv& env) { return paxos::make_multi_paxos(env, config); };
  }
  FL_CHECK(params.log == "raft", "unknown log '{}' passed the parser", params.log);
  raft::RaftConfig config;
  return [config](NodeEnv& env) { return raft::make_raft(env, config); };
}

std::string detector_text(const DetectorParams& detector) {
  std::string text = fmt::format("detector={} interval={}", detector_kind_name(detector.kind),
                                 format_duration(detector.interval));
  if (detector.kind == DetectorParams::Kind::fixed_timeout) {
    return text + fmt::format(" timeout={}", format_duration(detector.timeout));
  }
  return text +
         fmt::format(" phi_threshold={}.{:03} window={} min_std_deviation={} acceptable_pause={}",
                     detector.phi_threshold_milli / 1000, detector.phi_threshold_milli % 1000,
                     detector.window, format_duration(detector.min_std_deviation),
                     format_duration(detector.acceptable_pause));
}

replication::LeaderlessConfig leaderless_config(const LeaderlessParams& params) {
  replication::LeaderlessConfig config;
  auto write = replication::level_from_name(params.write_consistency);
  auto read = replication::level_from_name(params.read_consistency);
  auto read_repair = replication::read_repair_from_name(params.read_repair);
  auto timestamps = replication::timestamps_from_name(params.timestamps);
  FL_CHECK(write && read && read_repair && timestamps,
           "leaderless names '{}' '{}' '{}' '{}' passed the parser", params.write_consistency,
           params.read_consistency, params.read_repair, params.timestamps);
  config.replication_factor = params.replication_factor;
  config.virtual_nodes = params.virtual_nodes;
  config.write_consistency = *write;
  config.read_consistency = *read;
  config.read_repair = *read_repair;
  config.timestamps = *timestamps;
  config.anti_entropy_interval = params.anti_entropy_interval;
  config.coordinator_timeout = params.coordinator_timeout;
  return config;
}

// Every derived figure too (STYLE.md 3): the answer counts W and R that the levels mean for this
// replication factor, and whether R + W > N (read and write sets intersect).
std::string leaderless_text(const LeaderlessParams& params) {
  replication::LeaderlessConfig config = leaderless_config(params);
  uint32_t writes = replication::level_count(config.write_consistency, config.replication_factor);
  uint32_t reads = replication::level_count(config.read_consistency, config.replication_factor);
  return fmt::format(
      "strategy=leaderless replication_factor={} virtual_nodes={} write_consistency={} (W={}) "
      "read_consistency={} (R={}) overlapping={} read_repair={} timestamps={} "
      "anti_entropy_interval={} coordinator_timeout={} max_sync_items={} max_message_bytes={}",
      config.replication_factor, config.virtual_nodes, params.write_consistency, writes,
      params.read_consistency, reads, reads + writes > config.replication_factor ? "yes" : "no",
      params.read_repair, params.timestamps,
      config.anti_entropy_interval.ns == 0 ? std::string("off")
                                           : format_duration(config.anti_entropy_interval),
      format_duration(config.coordinator_timeout), config.max_sync_items, config.max_message_bytes);
}

}  // namespace

ProtocolFactory replication_factory(const Scenario& scenario) {
  const ReplicationParams& params = scenario.cluster.replication;
  if (params.strategy == "active") {
    return active_factory(params);
  }
  if (params.strategy == "leaderless") {
    replication::LeaderlessConfig config = leaderless_config(params.leaderless);
    return [config](NodeEnv& env) { return replication::make_leaderless(env, config); };
  }
  replication::ReplicationConfig config;
  std::optional<replication::ReplicationConfig::Strategy> strategy =
      replication::strategy_from_name(params.strategy);
  std::optional<replication::ReplicationConfig::Bug> bug =
      replication::bug_from_name(params.bug.empty() ? "none" : params.bug);
  FL_CHECK(strategy && bug, "strategy '{}' or bug '{}' passed the parser", params.strategy,
           params.bug);
  config.strategy = *strategy;
  config.bug = *bug;
  config.detector = to_detector_config(params.detector);
  config.max_entries_per_update = params.max_entries_per_update;
  return [config](NodeEnv& env) { return replication::make_replication(env, config); };
}

std::string replication_parameters(const Scenario& scenario) {
  const ReplicationParams& params = scenario.cluster.replication;
  if (params.strategy == "leaderless") {
    return leaderless_text(params.leaderless);
  }
  if (params.strategy == "active") {
    return params.log == "raft"
               ? "strategy=active log=raft"
               : "strategy=active log=multi_paxos " + detector_text(params.detector);
  }
  return fmt::format("strategy={} {} max_entries_per_update={}{}", params.strategy,
                     detector_text(params.detector), params.max_entries_per_update,
                     params.bug.empty() ? "" : " bug=" + params.bug);
}

}  // namespace faultline
