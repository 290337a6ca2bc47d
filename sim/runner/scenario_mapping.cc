// File: scenario_mapping.cc
#include "sim/runner/scenario_mapping.h"

#include "sim/runner/protocol_factory.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>

#include "models/network/topology.h"

namespace faultline {

raft::RaftConfig raft_config_from(const RaftParams& params) {
  raft::RaftConfig config;
  config.election_timeout_min = params.election_timeout_min;
  config.election_timeout_max = params.election_timeout_max;
  config.heartbeat_interval = params.heartbeat_interval;
  config.max_entries_per_append = params.max_entries_per_append;
  config.max_append_bytes = params.max_append_bytes;
  config.pre_vote = params.pre_vote;
  config.check_quorum = params.check_quorum;
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

LinkSpec link_from(const TierLinkSpec& spec) {
  LinkSpec link;
  link.latency = spec.latency.value_or(Duration{0});
  link.bandwidth_bytes_per_second = spec.bandwidth_bytes_per_second.value_or(unlimited_bandwidth);
  return link;
}

std::vector<NodeId> servers_from(const std::vector<uint32_t>& numbers) {
  std::vector<NodeId> servers;
  for (uint32_t number : numbers) {
    servers.push_back(NodeId::server(number));
  }
  return servers;
}

TopologyConfig topology_from(const TopologySpec& spec) {
  TopologyConfig topology;
  switch (spec.kind) {
    case TopologySpec::Kind::mesh:
      topology.kind = TopologyConfig::Kind::mesh;
      return topology;
    case TopologySpec::Kind::racks:
      topology.kind = TopologyConfig::Kind::racks;
      for (const auto& rack : spec.racks) {
        topology.racks.push_back(servers_from(rack));
      }
      break;
    case TopologySpec::Kind::regions:
      topology.kind = TopologyConfig::Kind::regions;
      for (const auto& region : spec.regions) {
        std::vector<std::vector<NodeId>> racks;
        for (const auto& rack : region) {
          racks.push_back(servers_from(rack));
        }
        topology.regions.push_back(std::move(racks));
      }
      break;
  }
  topology.intra_rack = link_from(spec.intra_rack);
  topology.inter_rack = link_from(spec.inter_rack);
  topology.inter_region = link_from(spec.inter_region);
  return topology;
}

}  // namespace

ClusterConfig cluster_config_from(const Scenario& scenario) {
  ClusterConfig config;
  config.server_count = scenario.cluster.nodes;
  config.network.latency = latency_from(scenario.network.latency);
  config.network.loss = scenario.network.loss;
  config.network.duplicate = scenario.network.duplicate;
  config.network.reorder = scenario.network.reorder;
  config.network.reorder_window = scenario.network.reorder_window;
  config.network.bandwidth_bytes_per_second = scenario.network.bandwidth_bytes_per_second;
  config.network.queue_capacity_bytes = scenario.network.queue_capacity_bytes;
  config.network.topology = topology_from(scenario.network.topology);
  for (const LinkOverrideSpec& spec : scenario.network.links) {
    LinkOverride link;
    link.from = NodeId::server(spec.from);
    link.to = NodeId::server(spec.to);
    if (spec.latency) {
      link.latency = latency_from(*spec.latency);
    }
    link.bandwidth_bytes_per_second = spec.bandwidth_bytes_per_second;
    link.loss = spec.loss;
    link.one_way = spec.one_way;
    config.network.links.push_back(link);
  }
  config.disk.sync_latency = scenario.disk.sync_latency;
  config.disk.lose_unsynced_on_crash = scenario.disk.lose_unsynced_on_crash;
  config.disk.write_latency = scenario.disk.write_latency;
  config.disk.torn_write = scenario.disk.torn_write;
  config.disk.capacity_bytes = scenario.disk.capacity_bytes;
  config.clocks_modelled = scenario.clocks.present;
  config.clocks.offset_max = scenario.clocks.offset_max;
  config.clocks.drift_ppm_max = scenario.clocks.drift_ppm_max;
  for (const auto& [number, spec] : scenario.clocks.nodes) {
    config.clocks.nodes[NodeId::server(number)] = ClockOverride{spec.offset, spec.drift_ppm};
  }
  const WorkloadSpec& workload = scenario.workload;
  config.workload.clients = workload.clients;
  config.workload.put_fraction = workload.put_fraction;
  config.workload.rate_per_second = workload.rate_per_second;
  config.workload.key_count = workload.key_count;
  config.workload.request_timeout = workload.request_timeout;
  config.workload.operation_timeout = workload.operation_timeout;
  return config;
}

namespace {

// The scenario's rate (events per second) of one fault kind.
Ratio& spec_rate(NemesisSpec& spec, FaultKind kind) {
  switch (kind) {
    case FaultKind::crash:
      return spec.crash;
    case FaultKind::partition:
      return spec.partition;
    case FaultKind::clog:
      return spec.clog;
    case FaultKind::clock_jump:
      return spec.clock_jump;
    case FaultKind::torn_crash:
      return spec.torn_crash;
    case FaultKind::corrupt:
      return spec.corrupt;
    case FaultKind::wipe:
      return spec.wipe;
    case FaultKind::disk_full:
      return spec.disk_full;
  }
  FL_CHECK(false, "unknown fault kind {}", static_cast<int>(kind));
  return spec.crash;
}

}  // namespace

NemesisConfig nemesis_config_from(const NemesisSpec& spec) {
  NemesisSpec rates = spec;
  NemesisConfig config;
  for (FaultKind kind : all_fault_kinds) {
    config.rate(kind) = spec_rate(rates, kind);
  }
  config.fault_duration_min = spec.fault_duration_min;
  config.fault_duration_max = spec.fault_duration_max;
  config.clock_jump_max = spec.clock_jump_max;
  config.max_faulty = spec.max_faulty;
  return config;
}

Result<std::string> apply_swarm(Scenario& scenario, uint64_t seed) {
  // A nemesis timeline is replayed as written: swarm's rates have nothing to replace there.
  auto has_rates = [](const PhaseSpec& phase) {
    return phase.nemesis.has_value() && !phase.nemesis->timeline;
  };
  if (std::none_of(scenario.phases.begin(), scenario.phases.end(), has_rates)) {
    return Error{
        "--swarm needs a scenario with a `nemesis` block of rates (not a `timeline`) in at least "
        "one phase",
        scenario.file, 0, ""};
  }
  Rng swarm = RngStreams(seed).derive("swarm");
  std::string description;
  NemesisConfig drawn = swarm_config(NemesisConfig{}, swarm, description);
  for (PhaseSpec& phase : scenario.phases) {
    if (has_rates(phase)) {
      for (FaultKind kind : all_fault_kinds) {
        spec_rate(*phase.nemesis, kind) = drawn.rate(kind);
      }
    }
  }
  return description;
}

std::vector<std::string> describe_parameters(const Scenario& scenario) {
  const RaftParams& raft = scenario.cluster.raft;
  const WorkloadSpec& workload = scenario.workload;
  std::vector<std::string> lines;
  if (scenario.cluster.protocol != "raft") {
    lines.push_back(
        fmt::format("nodes={} protocol={}", scenario.cluster.nodes, scenario.cluster.protocol));
    lines.push_back(protocol_parameters(scenario));
  } else {
    lines.push_back(fmt::format("nodes={} protocol={}{}", scenario.cluster.nodes,
                                scenario.cluster.protocol,
                                raft.bug.empty() ? "" : fmt::format(" bug={}", raft.bug)));
    lines.push_back(fmt::format(
        "election_timeout=[{},{}] heartbeat_interval={} "
        "max_entries_per_append={} max_append_bytes={} pre_vote={} check_quorum={}",
        format_duration(raft.election_timeout_min), format_duration(raft.election_timeout_max),
        format_duration(raft.heartbeat_interval), raft.max_entries_per_append,
        raft.max_append_bytes, raft.pre_vote, raft.check_quorum));
  }
  const NetworkSpec& network = scenario.network;
  auto bytes_per_second = [](uint64_t value) {
    return value == 0 ? std::string("unlimited") : fmt::format("{}B/s", value);
  };
  lines.push_back(fmt::format("latency={} loss={} duplicate={} reorder={} reorder_window={}",
                              latency_from(network.latency).describe(), network.loss.to_string(),
                              network.duplicate.to_string(), network.reorder.to_string(),
                              format_duration(network.reorder_window)));
  lines.push_back(fmt::format(
      "bandwidth={} queue_capacity={}B topology={} link_overrides={}",
      bytes_per_second(network.bandwidth_bytes_per_second), network.queue_capacity_bytes,
      describe_topology(topology_from(network.topology)), network.links.size()));
  if (scenario.clocks.present) {
    lines.push_back(fmt::format("clocks.offset_max={} clocks.drift_ppm_max={} clocks.nodes={}",
                                format_duration(scenario.clocks.offset_max),
                                scenario.clocks.drift_ppm_max, scenario.clocks.nodes.size()));
  }
  lines.push_back(fmt::format(
      "disk.sync_latency={} disk.write_latency={} disk.lose_unsynced_on_crash={} "
      "disk.torn_write={} disk.capacity={}",
      format_duration(scenario.disk.sync_latency), format_duration(scenario.disk.write_latency),
      scenario.disk.lose_unsynced_on_crash, scenario.disk.torn_write.to_string(),
      scenario.disk.capacity_bytes == 0 ? std::string("unlimited")
                                        : fmt::format("{}B", scenario.disk.capacity_bytes)));
  lines.push_back(
      fmt::format("workload.clients={} put_fraction={} rate={}/s keys={} "
                  "request_timeout={} operation_timeout={}",
                  workload.clients, workload.put_fraction.to_string(), workload.rate_per_second,
                  workload.key_count, format_duration(workload.request_timeout),
                  format_duration(workload.operation_timeout)));
  std::string phases;
  for (const PhaseSpec& phase : scenario.phases) {
    std::string nemesis;
    if (phase.nemesis && phase.nemesis->timeline) {
      nemesis = fmt::format(", nemesis timeline of {}", phase.nemesis->timeline->size());
    } else if (phase.nemesis) {
      nemesis = ", nemesis";
    }
    phases += fmt::format("{}{}({}, {} faults{}{})", phases.empty() ? "" : " ", phase.name,
                          format_duration(phase.duration), phase.faults.size(), nemesis,
                          phase.is_liveness_phase() ? ", liveness" : "");
  }
  lines.push_back("phases=" + phases);
  lines.push_back(fmt::format("max_events={}", scenario.limits.max_events));
  lines.push_back(fmt::format("checks={}", fmt::join(scenario.checks, ",")));
  return lines;
}

}  // namespace faultline
