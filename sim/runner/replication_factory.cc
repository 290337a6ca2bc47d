// File: replication_factory.cc
// Maps the scenario's replication params onto the protocol's config: protocols/replication's
// ReplicaNode for the passive and semi_active strategies, and for active (every replica executes
// every request in the order of a consensus log) Raft itself with its default config.
#include <fmt/format.h>

#include "protocols/raft/raft.h"
#include "protocols/replication/replication.h"
#include "sim/base/check.h"
#include "sim/runner/protocol_factory.h"

namespace faultline {

ProtocolFactory replication_factory(const Scenario& scenario) {
  const ReplicationParams& params = scenario.cluster.replication;
  if (params.strategy == "active") {
    FL_CHECK(params.log == "raft", "unknown log '{}' passed the parser", params.log);
    raft::RaftConfig config;
    return [config](NodeEnv& env) { return raft::make_raft(env, config); };
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
  config.detector.kind = heartbeat::DetectorConfig::Kind::fixed_timeout;
  config.detector.interval = params.detector.interval;
  config.detector.timeout = params.detector.timeout;
  config.max_entries_per_update = params.max_entries_per_update;
  return [config](NodeEnv& env) { return replication::make_replication(env, config); };
}

std::string replication_parameters(const Scenario& scenario) {
  const ReplicationParams& params = scenario.cluster.replication;
  if (params.strategy == "active") {
    return fmt::format("strategy=active log={}", params.log);
  }
  return fmt::format(
      "strategy={} detector=fixed_timeout(interval={},timeout={}) max_entries_per_update={}{}",
      params.strategy, format_duration(params.detector.interval),
      format_duration(params.detector.timeout), params.max_entries_per_update,
      params.bug.empty() ? "" : " bug=" + params.bug);
}

}  // namespace faultline
