// File: replication_params.h
// The scenario parameters of `cluster.protocol: replication` (cluster.params), plain data
// validated by parse_replication_params (replication_params_parser.h);
// sim/runner/replication_factory.cc maps them onto protocols/replication's ReplicationConfig, or
// onto Raft's config for the active strategy.
#pragma once

#include <cstdint>
#include <string>

#include "sim/base/time.h"
#include "sim/scenario/detector_params.h"

namespace faultline {

// strategy leaderless only (protocols/replication/leaderless_config.h; README.md "Leaderless").
struct LeaderlessParams {
  uint32_t replication_factor = 3;                               // 1..nodes
  uint32_t virtual_nodes = 16;                                   // 1..1024
  std::string write_consistency = "quorum";                      // one | quorum | all
  std::string read_consistency = "quorum";                       // one | quorum | all
  std::string read_repair = "async";                             // none | async | sync
  std::string timestamps = "clock";                              // clock | quorum_read
  Duration anti_entropy_interval = Duration::milliseconds(500);  // 0s: off
  Duration coordinator_timeout = Duration::milliseconds(300);    // > 0
};

struct ReplicationParams {
  // passive | semi_active | active | leaderless.
  std::string strategy = "passive";
  // active only: the consensus log every replica executes: raft | multi_paxos.
  std::string log = "raft";
  // The failure detector that drives failover (passive, semi_active) or Multi-Paxos's leader
  // election (active with log multi_paxos); not with log raft (its own election timeouts).
  DetectorParams detector;
  // passive and semi_active only: at most this many entries per Update or LogChunk, 1..4096.
  uint32_t max_entries_per_update = 64;
  // "" (the correct protocol) | no_epochs (passive, semi_active; protocol-bugs.md B22) |
  // followers_choose (semi_active only).
  std::string bug;
  LeaderlessParams leaderless;
};

}  // namespace faultline
