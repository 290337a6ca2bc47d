// File: scenario_mapping.cc
#include "sim/runner/scenario_mapping.h"

#include <fmt/format.h>

namespace faultline {

raft::RaftConfig raft_config_from(const RaftParams& params) {
  raft::RaftConfig config;
  config.election_timeout_min = params.election_timeout_min;
  config.election_timeout_max = params.election_timeout_max;
  config.heartbeat_interval = params.heartbeat_interval;
  config.max_entries_per_append = params.max_entries_per_append;
  std::optional<raft::RaftConfig::Bug> bug =
      params.bug.empty() ? raft::RaftConfig::Bug::none : raft::bug_from_name(params.bug);
  FL_CHECK(bug.has_value(), "unknown raft bug '{}' passed the parser", params.bug);
  config.bug = *bug;
  return config;
}

namespace {

LatencyDistribution latency_from(const LatencySpec& spec) {
  LatencyDistribution latency;
  switch (spec.kind) {
    case LatencySpec::Kind::constant:
      latency = {LatencyDistribution::Kind::constant, spec.value, Duration{0}};
      break;
    case LatencySpec::Kind::uniform:
      latency = {LatencyDistribution::Kind::uniform, spec.min, spec.max};
      break;
    case LatencySpec::Kind::exponential:
      latency = {LatencyDistribution::Kind::exponential, spec.mean, Duration{0}};
      break;
    case LatencySpec::Kind::lognormal:
      latency = {LatencyDistribution::Kind::lognormal, spec.median, spec.p99};
      break;
  }
  return latency;
}

}  // namespace

ClusterConfig cluster_config_from(const Scenario& scenario) {
  ClusterConfig config;
  config.server_count = scenario.cluster.nodes;
  config.network.latency = latency_from(scenario.network.latency);
  config.network.loss = scenario.network.loss;
  config.disk.sync_latency = scenario.disk.sync_latency;
  config.disk.lose_unsynced_on_crash = scenario.disk.lose_unsynced_on_crash;
  const WorkloadSpec& workload = scenario.workload;
  config.workload.clients = workload.clients;
  config.workload.put_fraction = workload.put_fraction;
  config.workload.rate_per_second = workload.rate_per_second;
  config.workload.key_count = workload.key_count;
  config.workload.request_timeout = workload.request_timeout;
  config.workload.operation_timeout = workload.operation_timeout;
  return config;
}

std::vector<std::string> describe_parameters(const Scenario& scenario) {
  const RaftParams& raft = scenario.cluster.raft;
  const WorkloadSpec& workload = scenario.workload;
  std::vector<std::string> lines;
  lines.push_back(fmt::format("nodes={} protocol={}{}", scenario.cluster.nodes,
                              scenario.cluster.protocol,
                              raft.bug.empty() ? "" : fmt::format(" bug={}", raft.bug)));
  lines.push_back(fmt::format(
      "election_timeout=[{},{}] heartbeat_interval={} "
      "max_entries_per_append={}",
      format_duration(raft.election_timeout_min), format_duration(raft.election_timeout_max),
      format_duration(raft.heartbeat_interval), raft.max_entries_per_append));
  lines.push_back(fmt::format("latency={} loss={}",
                              latency_from(scenario.network.latency).describe(),
                              scenario.network.loss.to_string()));
  lines.push_back(fmt::format("disk.sync_latency={} disk.lose_unsynced_on_crash={}",
                              format_duration(scenario.disk.sync_latency),
                              scenario.disk.lose_unsynced_on_crash));
  lines.push_back(
      fmt::format("workload.clients={} put_fraction={} rate={}/s keys={} "
                  "request_timeout={} operation_timeout={}",
                  workload.clients, workload.put_fraction.to_string(), workload.rate_per_second,
                  workload.key_count, format_duration(workload.request_timeout),
                  format_duration(workload.operation_timeout)));
  std::string phases;
  for (const PhaseSpec& phase : scenario.phases) {
    phases += fmt::format("{}{}({}, {} faults{})", phases.empty() ? "" : " ", phase.name,
                          format_duration(phase.duration), phase.faults.size(),
                          phase.is_liveness_phase() ? ", liveness" : "");
  }
  lines.push_back("phases=" + phases);
  lines.push_back(fmt::format("max_events={}", scenario.limits.max_events));
  return lines;
}

}  // namespace faultline
