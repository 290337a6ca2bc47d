// File: scenario.h
// A validated scenario as plain data (DESIGN.md "Scenario shape"). The parser (scenario_parser.h)
// is the only producer; the runner is the consumer. Nothing here executes anything. Every value
// has already been range-checked, and every node name resolved to a number in 1..nodes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/base/nemesis_decision.h"
#include "sim/base/ratio.h"
#include "sim/base/time.h"
#include "sim/scenario/heartbeat_params.h"
#include "sim/scenario/multi_paxos_params.h"
#include "sim/scenario/paxos_params.h"
#include "sim/scenario/replication_params.h"

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

// One class of link in a topology (intra_rack, inter_rack, inter_region).
struct TierLinkSpec {
  std::optional<Duration> latency;                     // propagation, one way; absent = 0
  std::optional<uint64_t> bandwidth_bytes_per_second;  // bytes/s, > 0; absent = unlimited
};

// Where the servers sit (docs/scenario-reference.md "network.topology"). The documented result:
// two servers in one rack are intra_rack.latency apart, in one region inter_rack.latency, else
// inter_region.latency; a path's bandwidth is the minimum over its links.
struct TopologySpec {
  enum class Kind { mesh, racks, regions };
  Kind kind = Kind::mesh;
  // racks and regions kinds: every rack as its server numbers (1-based), in file order; every
  // server is in exactly one rack. For regions, the racks of all regions in file order.
  std::vector<std::vector<uint32_t>> racks;
  // regions kind only: every region as its racks, each rack as its server numbers.
  std::vector<std::vector<std::vector<uint32_t>>> regions;
  TierLinkSpec intra_rack;    // racks, regions
  TierLinkSpec inter_rack;    // racks, regions
  TierLinkSpec inter_region;  // regions only
};

// A per-pair override of network/topology values (network.links[i]).
struct LinkOverrideSpec {
  uint32_t from = 0;  // server number, 1-based
  uint32_t to = 0;    // server number, 1-based, != from
  // Replaces both the per-message latency draw and the topology propagation for the pair.
  std::optional<LatencySpec> latency;
  std::optional<uint64_t> bandwidth_bytes_per_second;  // bytes/s, > 0
  std::optional<Ratio> loss;                           // probability 0..1
  bool one_way = false;  // false: applies to from->to and to->from; true: from->to only
  int line = 0;          // source line, for messages
};

struct NetworkSpec {
  LatencySpec latency;
  Ratio loss = Ratio::zero();       // probability 0..1 that a message is dropped
  Ratio duplicate = Ratio::zero();  // probability 0..1 that a delivered message is delivered twice
  Ratio reorder = Ratio::zero();    // probability 0..1 that a message is held back an extra
                                    // uniform [1ns, reorder_window]
  Duration reorder_window = Duration::milliseconds(10);  // > 0
  uint64_t bandwidth_bytes_per_second = 0;  // per directed server->server link; 0 = unlimited
  uint64_t queue_capacity_bytes = uint64_t{4} << 20;  // per directed link FIFO, bytes, > 0
  TopologySpec topology;
  std::vector<LinkOverrideSpec> links;  // in file order; no directed pair is covered twice
};

// Explicit clock values of one server (clocks.nodes.nK); an absent one keeps the random draw.
struct ClockNodeSpec {
  std::optional<Duration> offset;    // signed, ns; |offset| <= 10000h
  std::optional<int64_t> drift_ppm;  // signed, parts per million; |drift_ppm| <= 100000
};

// Per-server local clocks: local(t) = offset + t + t * drift_ppm / 1e6.
struct ClockSpec {
  bool present = false;               // the `clocks` key was given (even `{}`): trace local time
  Duration offset_max = Duration{0};  // initial offset uniform in [-offset_max, offset_max]
  uint32_t drift_ppm_max = 0;         // drift uniform integer in [-max, max] ppm; 0..100000
  std::map<uint32_t, ClockNodeSpec> nodes;  // server number (1-based) -> explicit values
};

// Raft parameters (protocols/raft maps these onto its own RaftConfig).
struct RaftParams {
  Duration election_timeout_min = Duration::milliseconds(150);
  Duration election_timeout_max = Duration::milliseconds(300);
  Duration heartbeat_interval = Duration::milliseconds(50);
  uint32_t max_entries_per_append = 64;  // 1..10000
  uint64_t max_append_bytes = 1024;      // entry bytes per AppendEntries (one at least); 1..1 GiB
  bool pre_vote = true;                  // Raft thesis 9.6
  bool check_quorum = true;              // leader steps down without a majority; thesis 4.2.3 / 6.2
  // A deliberately broken variant for negative scenarios: "" (correct Raft) or one of
  // "commit_old_term_by_count" (Figure 8 bug: commit any entry stored on a majority),
  // "clear_vote_on_append" (B07), "count_duplicate_acks" (B08), "ack_before_sync" (B23).
  std::string bug;
};

struct ClusterSpec {
  uint32_t nodes = 3;  // 1..64
  // raft, paxos, multi_paxos, heartbeat, replication (sim/base/check_catalog.h); `params` fills
  // the one struct below that matches it.
  std::string protocol = "raft";
  RaftParams raft;
  PaxosParams paxos;
  MultiPaxosParams multi_paxos;
  HeartbeatParams heartbeat;
  ReplicationParams replication;
};

struct DiskSpec {
  Duration sync_latency = Duration::milliseconds(1);  // >= 0
  Duration write_latency = Duration{0};  // >= 0; added to a sync's completion per write it covers
  bool lose_unsynced_on_crash = true;
  // Probability 0..1 that a crash which loses unsynced writes keeps a torn prefix of the last one.
  Ratio torn_write = Ratio::zero();
  uint64_t capacity_bytes = 0;  // bytes of durable data; 0 = unlimited
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
  enum class Kind { partition, heal, crash, restart, clog, clock_jump, wipe, corrupt, disk_full };
  // partition only: the list-of-groups form or a shape map.
  enum class Shape { groups, isolate, split, bridge, ring, one_way };
  Kind kind = Kind::crash;
  Shape shape = Shape::groups;
  Duration at;  // relative to the start of its phase
  // partition groups: the groups (each a list of targets; one group may be `rest`, i.e. all
  // nodes not named elsewhere). Empty for every other kind and shape.
  std::vector<std::vector<NodeTarget>> groups;
  // Who the fault acts on, per kind:
  //   crash: nodes or one `leader`; restart: nodes or one `all`; wipe: nodes;
  //   corrupt: one node; clock_jump, disk_full: one node, `leader` or `all`;
  //   partition isolate: one node or `leader` (empty = random when it fires);
  //   partition split: the minority's nodes (empty = random floor((N-1)/2) nodes);
  //   partition bridge: one node (empty = random); heal, ring, one_way, clog: empty.
  std::vector<NodeTarget> targets;
  // partition one_way: messages from `from` to `to` are dropped (nodes and/or `leader`; `to` may
  // be a single `rest`). clog: the senders and receivers (nodes, or one `leader`); an absent side
  // is a single `all` (every server).
  std::vector<NodeTarget> from;
  std::vector<NodeTarget> to;
  Duration duration;     // clog, disk_full: how long it lasts, > 0
  Duration by;           // clock_jump: signed jump of the local clock, != 0
  uint32_t records = 0;  // corrupt: durable records that fail their checksum, 1..1000
  int line = 0;          // source line, for messages
  // Position in its phase's `faults` list as written (0-based, before sorting by `at`): keys the
  // fault's random stream and names it in the trace, which must not depend on line numbers.
  uint32_t index = 0;
};

// Random faults during a phase (phases[i].nemesis). A rate is an exact ratio of events per
// second, numerator / denominator (it may exceed 1, unlike a probability); zero disables a kind.
struct NemesisSpec {
  Ratio crash = Ratio::zero();       // crash a random up node; restart after the fault duration
  Ratio partition = Ratio::zero();   // a random shape; healed after the fault duration
  Ratio clog = Ratio::zero();        // a random pair / node inbound / node outbound
  Ratio clock_jump = Ratio::zero();  // jump by uniform [-clock_jump_max, clock_jump_max], != 0
  Ratio torn_crash = Ratio::zero();  // crash tearing the last unsynced write; restart later
  Ratio corrupt = Ratio::zero();     // one durable record of a random node (permanent)
  Ratio wipe = Ratio::zero();        // a random node's disk (permanent)
  Ratio disk_full = Ratio::zero();   // a random node's disk is full for the fault duration
  Duration fault_duration_min = Duration::milliseconds(500);  // > 0
  Duration fault_duration_max = Duration::seconds(3);         // >= fault_duration_min
  Duration clock_jump_max = Duration::seconds(1);             // > 0
  // Budget f: servers at once that are down, permanently damaged or cut off from a majority.
  // 0..nodes-1; when absent from the file, floor((nodes - 1) / 2) (resolved by the parser).
  uint32_t max_faulty = 0;
  int line = 0;  // source line, for messages
  // `timeline:` instead of rates: the decisions to replay, in file order (mutually exclusive with
  // every other key; sim/scenario/nemesis_timeline_parser.h).
  std::optional<std::vector<NemesisDecision>> timeline;
};

struct PhaseSpec {
  std::string name;
  Duration duration;
  std::vector<FaultSpec> faults;       // sorted by `at` (stable: file order for equal times)
  std::optional<NemesisSpec> nemesis;  // never in a liveness phase
  // Liveness expectations; a phase with any one heals the network and restarts every crashed
  // node at its start.
  std::optional<Duration> leader_within;
  std::optional<Duration> commits_resume_within;
  // Fails liveness.leader_changes when more raft.become_leader events happen in the phase;
  // 0..1000000.
  std::optional<uint64_t> max_leader_changes;
  // replication.convergence (strategy leaderless): every item some replica holds at a time T in
  // the phase is held (or superseded) on every live replica of its key by max(T, start) + this.
  std::optional<Duration> converge_within;
  // Where converge_within was written (file line and key path), for errors found later.
  int converge_within_line = 0;
  std::string converge_within_path;
  bool is_liveness_phase() const {
    return leader_within || commits_resume_within || max_leader_changes || converge_within;
  }
};

struct LimitsSpec {
  uint64_t max_events = 200'000'000;  // event budget for the whole run
};

// The most seeds a scenario's `seeds` key may list: they are the seeds a test runs every time.
inline constexpr uint64_t max_scenario_seeds = 10'000;

struct Scenario {
  std::string name;
  std::string file;  // path it was read from
  uint64_t seed = 1;
  // The seeds `faultline test` runs (the top-level `seeds` key), in file order, each once; empty
  // when the file has none, and then the test runs `seed` alone. The runner never reads it.
  std::vector<uint64_t> seeds;
  ClusterSpec cluster;
  NetworkSpec network;
  ClockSpec clocks;
  DiskSpec disk;
  WorkloadSpec workload;
  std::vector<PhaseSpec> phases;
  // Safety checks to run, among the protocol's (sim/base/check_catalog.h allowed_checks).
  // Default: default_checks(protocol), for Raft the five raft.* checks.
  std::vector<std::string> checks;
  LimitsSpec limits;
  // For negative scenarios: the check that must fire (empty for ordinary scenarios).
  std::string expect_violation;
};

}  // namespace faultline
