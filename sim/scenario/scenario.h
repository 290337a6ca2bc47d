// File: scenario.h
// A validated scenario as plain data (DESIGN.md "Scenario shape"). The parser (scenario_parser.h)
// is the only producer; the runner is the consumer. Nothing here executes anything. Every value
// has already been range-checked, and every node name resolved to a number in 1..nodes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/base/ratio.h"
#include "sim/base/time.h"

namespace faultline {

// Per-path one-way latency distribution (ns).
struct LatencySpec {
  enum class Kind { constant, uniform, exponential, lognormal };
  Kind kind = Kind::constant;
  Duration value = Duration::milliseconds(1);  // constant
  Duration min = Duration{0};                  // uniform
  Duration max = Duration{0};                  // uniform
  Duration mean = Duration{0};                 // exponential
  Duration median = Duration{0};               // lognormal
  Duration p99 = Duration{0};                  // lognormal
};

struct NetworkSpec {
  LatencySpec latency;
  Ratio loss = Ratio::zero();  // probability 0..1 that a message is dropped
};

// Raft parameters (protocols/raft maps these onto its own RaftConfig).
struct RaftParams {
  Duration election_timeout_min = Duration::milliseconds(150);
  Duration election_timeout_max = Duration::milliseconds(300);
  Duration heartbeat_interval = Duration::milliseconds(50);
  uint32_t max_entries_per_append = 64;  // 1..10000
  // A deliberately broken variant for negative scenarios: "" (correct Raft) or
  // "commit_old_term_by_count" (Figure 8 bug: commit any entry stored on a majority).
  std::string bug;
};

struct ClusterSpec {
  uint32_t nodes = 3;  // 1..64
  std::string protocol = "raft";
  RaftParams raft;
};

struct DiskSpec {
  Duration sync_latency = Duration::milliseconds(1);
  bool lose_unsynced_on_crash = true;
};

struct WorkloadSpec {
  uint32_t clients = 0;              // 0..1000; 0 = no client traffic
  Ratio put_fraction = Ratio{1, 2};  // ops: {put: P, get: G}, P + G == 1
  uint64_t rate_per_second = 100;    // total operations issued per second over all clients
  uint32_t key_count = 16;           // keys "k0".."k{n-1}", uniform
  Duration request_timeout = Duration::milliseconds(500);  // resend to another node after this
  Duration operation_timeout = Duration::seconds(5);       // give up: outcome unknown
};

// Who a fault acts on. `leader` is resolved when the fault fires (the node currently leading
// the highest term); `all` means every node (restart: every crashed node).
struct NodeTarget {
  enum class Kind { node, leader, all, rest };
  Kind kind = Kind::node;
  uint32_t node = 0;  // 1-based server number when kind == node
};

struct FaultSpec {
  enum class Kind { partition, heal, crash, restart };
  Kind kind = Kind::crash;
  Duration at;  // relative to the start of its phase
  // partition: the groups (each a list of targets; one group may be `rest`, i.e. all nodes not
  // named elsewhere). crash/restart: `targets` holds the nodes. heal: empty (heals all).
  std::vector<std::vector<NodeTarget>> groups;
  std::vector<NodeTarget> targets;
  int line = 0;  // source line, for messages
};

struct PhaseSpec {
  std::string name;
  Duration duration;
  std::vector<FaultSpec> faults;  // sorted by `at` (stable: file order for equal times)
  // Liveness expectations; a phase with either one heals the network and restarts every crashed
  // node at its start.
  std::optional<Duration> leader_within;
  std::optional<Duration> commits_resume_within;
  bool is_liveness_phase() const { return leader_within || commits_resume_within; }
};

struct LimitsSpec {
  uint64_t max_events = 200'000'000;  // event budget for the whole run
};

struct Scenario {
  std::string name;
  std::string file;  // path it was read from
  uint64_t seed = 1;
  ClusterSpec cluster;
  NetworkSpec network;
  DiskSpec disk;
  WorkloadSpec workload;
  std::vector<PhaseSpec> phases;
  // Safety checks to run: raft.election_safety, raft.log_matching, raft.leader_completeness,
  // raft.state_machine_safety. Default: all four.
  std::vector<std::string> checks;
  LimitsSpec limits;
  // For negative scenarios: the check that must fire (empty for ordinary scenarios).
  std::string expect_violation;
};

}  // namespace faultline
