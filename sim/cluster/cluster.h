// File: cluster.h
// The simulated world (DESIGN.md "sim/cluster"): servers running a protocol, clients running the
// workload, and the fabric that turns the network model's decisions into delivery events. Owns the
// invariants that every message is either delivered once per copy or dropped with a traced reason,
// and that nothing reaches a crashed node.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "models/clock/clock_model.h"
#include "models/network/network_model.h"
#include "sim/base/history.h"
#include "sim/base/trace.h"
#include "sim/cluster/kv_client.h"
#include "sim/cluster/role_tracker.h"
#include "sim/cluster/sim_node.h"
#include "sim/engine/simulator.h"

namespace faultline {

struct DiskConfig {
  Duration sync_latency = Duration::milliseconds(1);
  bool lose_unsynced_on_crash = true;
};

struct ClusterConfig {
  uint32_t server_count = 3;
  NetworkConfig network;
  DiskConfig disk;
  WorkloadConfig workload;
  ClockConfig clocks;
  // The scenario has a `clocks` section (even an empty one): every trace line of a server carries
  // its local time (trace.h). Off, the trace is exactly that of a run without clocks.
  bool clocks_modelled = false;
};

// Running totals; the runner takes differences per phase.
struct ClusterCounters {
  uint64_t messages_sent = 0;
  uint64_t messages_delivered = 0;
  uint64_t dropped_loss = 0;
  uint64_t dropped_partition = 0;
  uint64_t dropped_crashed = 0;
  uint64_t clock_jumps = 0;
  uint64_t dropped() const { return dropped_loss + dropped_partition + dropped_crashed; }
};

class Cluster {
 public:
  Cluster(const ClusterConfig& config, ProtocolFactory factory, const RngStreams& streams,
          Simulator& simulator, TraceSink& trace);
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  // Boots every server and starts every client.
  void start();

  // Faults. crash/restart of a node already down/up is a traced no-op.
  void crash(NodeId node);
  void restart(NodeId node);
  void partition(const std::vector<std::vector<NodeId>>& groups);
  void heal();
  // Steps `node`'s local clock by `by` (!= 0, either sign), whether the node is up or down, and
  // re-schedules its timers by their local deadlines. Traced as clock.jump by=<ns> local=<ns>
  // (local: the node's local time after the jump).
  void clock_jump(NodeId node, Duration by);
  // The node's local clock reading now (for tests and diagnostics).
  Time local_time(NodeId node) const;
  bool is_up(NodeId node) const;
  NodeId leader() const { return roles_.leader(); }

  const ClusterCounters& counters() const { return counters_; }
  const RoleTracker& roles() const { return roles_; }
  const History& history() const { return history_; }
  uint32_t server_count() const { return config_.server_count; }
  // For FL_CHECK diagnostics only: NodeId::value of the endpoint whose event is running.
  const uint32_t* executing_node_address() const { return &executing_.value; }

  // Used by SimNode and KvClient.
  Simulator& simulator() { return simulator_; }
  void transmit(NodeId source, NodeId target, MessagePtr message);
  // Stamps `event` with the current simulated time and records it (no copy: events are ~500
  // bytes and this runs for every event).
  void record(TraceEvent& event);
  void record(TraceEvent&& event) { record(event); }
  // Fires `timer` of `node` at global time `at`; the event can be cancelled to re-schedule it.
  EventId schedule_node_timer(NodeId node, Time at, TimerId timer);
  void schedule_sync_completion(NodeId node, StorageOpId op);
  void schedule_client_timer(NodeId client, Duration delay, uint8_t kind, uint32_t attempt);
  History& mutable_history() { return history_; }

 private:
  struct InFlight {
    NodeId source;
    NodeId target;
    uint64_t message_id;
    MessagePtr message;
  };
  static void on_delivery(void* context, uint64_t slot);
  static void on_node_timer(void* context, uint64_t payload);
  static void on_sync(void* context, uint64_t payload);
  static void on_client_timer(void* context, uint64_t payload);
  void deliver(InFlight& flight);
  // Counts and traces a message that will not arrive ("loss", "partition", "crashed").
  void trace_drop(std::string_view source_name, NodeId target, uint64_t message_id,
                  std::string_view reason, uint64_t& counter);
  Rng& path_rng(NodeId source, NodeId target);
  SimNode& node(NodeId id);

  ClusterConfig config_;
  ProtocolFactory factory_;
  const RngStreams& streams_;
  Simulator& simulator_;
  TraceSink& trace_;
  NetworkModel network_;
  RoleTracker roles_;
  std::vector<std::unique_ptr<SimNode>> nodes_;     // index: server number - 1
  std::vector<std::unique_ptr<KvClient>> clients_;  // index: client number - 1
  std::vector<InFlight> in_flight_;
  std::vector<uint64_t> free_slots_;
  // Per directed path stream, created on first use; looked up, never iterated.
  std::unordered_map<uint64_t, Rng> path_rngs_;
  std::vector<Time> last_sync_completion_;  // per server: syncs complete in issue order
  ClusterCounters counters_;
  uint64_t next_message_id_ = 1;
  NodeId executing_;
  History history_;
  HandlerId delivery_handler_ = 0;
  HandlerId timer_handler_ = 0;
  HandlerId sync_handler_ = 0;
  HandlerId client_handler_ = 0;
};

}  // namespace faultline
