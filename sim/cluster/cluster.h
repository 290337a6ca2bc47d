// File: cluster.h
// The simulated world (DESIGN.md "sim/cluster"): servers running a protocol, clients running the
// workload, and the fabric that turns the network model's decisions into delivery events. Owns the
// invariants that every message is either delivered once per copy or dropped with a traced reason,
// that nothing reaches a crashed node, and that every disk fault is traced and counted.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "models/clock/clock_model.h"
#include "models/disk/disk_model.h"
#include "models/network/network_model.h"
#include "models/network/reachability.h"
#include "sim/base/history.h"
#include "sim/base/trace.h"
#include "sim/cluster/kv_client.h"
#include "sim/cluster/role_tracker.h"
#include "sim/cluster/sim_node.h"
#include "sim/engine/simulator.h"

namespace faultline {

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
  uint64_t dropped_queue_full = 0;
  uint64_t duplicated = 0;   // messages the network delivers twice (each copy counts as delivered)
  uint64_t reordered = 0;    // messages held back by a reorder extra delay
  uint64_t clogged = 0;      // messages held by a clog
  uint64_t transmitted = 0;  // messages queued and serialized on a bandwidth-limited link
  uint64_t torn_writes = 0;  // crashes that tore the last unsynced write
  uint64_t corruptions = 0;  // durable records corrupted
  uint64_t wipes = 0;        // disks erased
  uint64_t sync_failures = 0;  // syncs that completed with StorageStatus::no_space
  uint64_t halts = 0;          // nodes that halted themselves (NodeEnv::halt)
  uint64_t clock_jumps = 0;
  uint64_t dropped() const {
    return dropped_loss + dropped_partition + dropped_crashed + dropped_queue_full;
  }
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
  // crash: unsynced writes are lost (DiskConfig::lose_unsynced_on_crash) and the last one is torn
  // with probability DiskConfig::torn_write, or always when `tear` (the nemesis's torn_crash) if
  // there is one; traced node.crash and disk.torn key kept_bytes.
  void crash(NodeId node, bool tear = false);
  // restart: boots with BootMode::rejoin; recovery traces disk.torn_discarded.
  void restart(NodeId node);
  // Crashes the node if up, erases its whole disk and restarts it at once (disk.wipe).
  void wipe(NodeId node);
  // Corrupts `records` intact durable records of the node, picked uniformly in key order from
  // ("disk", n) (disk.corrupt key, one per record; fewer if the disk holds fewer). Returns how many
  // it corrupted (0: traced disk.corrupt_ignored).
  uint32_t corrupt(NodeId node, uint32_t records);
  // While full, the node's syncs fail with StorageStatus::no_space (disk.full / disk.full_end).
  void set_disk_full(NodeId node, bool full);
  void partition(const std::vector<std::vector<NodeId>>& groups);
  // Replaces which servers reach which; traces net.partition groups=`description` (or the
  // reachability's own description when empty).
  void set_reachability(const Reachability& reachability, std::string description);
  // Holds server->server messages from any of `from` to any of `to` (empty: every server) sent
  // before `until` until then. Traces net.clog now and net.clog_end at `until` (or at heal).
  void clog(std::vector<NodeId> from, std::vector<NodeId> to, Time until);
  // Reconnects every server and ends every clog (traces net.heal, then net.clog_end reason=heal
  // per active clog). Messages a clog already holds keep their decided release time.
  void heal();
  const NetworkModel& network() const { return network_; }
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
  // Schedules sync `op` of `node`, covering `new_writes` writes no earlier sync covered.
  void schedule_sync_completion(NodeId node, StorageOpId op, uint64_t new_writes);
  // Used by SimNode: a sync failed (disk.sync_failed), and a halting protocol's handler returned
  // (the node crashes now).
  void note_sync_failed(NodeId node, StorageOpId op, std::string_view reason);
  void finish_halt(NodeId node);
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
  void schedule_delivery(Duration delay, NodeId source, NodeId target, uint64_t message_id,
                         MessagePtr message);
  // Traces, on the sender, what the network did to a delivered message beyond its delay:
  // net.clog_hold id until=<ns>, net.duplicate id copy=<the copy's delay, ns>, net.reorder id
  // extra=<ns>.
  void trace_decision(const LinkDecision& decision, NodeId source, uint64_t message_id);
  void end_clog(uint64_t serial, std::string_view reason);
  // Counts and traces a message that will not arrive ("loss", "partition", "crashed").
  void trace_drop(std::string_view source_name, NodeId target, uint64_t message_id,
                  std::string_view reason, uint64_t& counter);
  Rng& path_rng(NodeId source, NodeId target);
  SimNode& node(NodeId id);
  // Crashes an up node: `force_tear` tears its last unsynced write (if any); else `may_tear` lets
  // DiskConfig::torn_write decide. `cause` (empty, "halt", "wipe") is traced on node.crash.
  void crash_node(NodeId id, bool force_tear, bool may_tear, std::string_view cause);
  Rng& disk_rng(NodeId id) { return disk_rngs_[id.number() - 1]; }

  ClusterConfig config_;
  ProtocolFactory factory_;
  const RngStreams& streams_;
  Simulator& simulator_;
  TraceSink& trace_;
  NetworkModel network_;
  DiskModel disk_;
  RoleTracker roles_;
  std::vector<std::unique_ptr<SimNode>> nodes_;     // index: server number - 1
  std::vector<std::unique_ptr<KvClient>> clients_;  // index: client number - 1
  std::vector<InFlight> in_flight_;
  std::vector<uint64_t> free_slots_;
  // Per directed path stream, created on first use; looked up, never iterated.
  std::unordered_map<uint64_t, Rng> path_rngs_;
  std::vector<Time> last_sync_completion_;  // per server: syncs complete in issue order
  std::vector<Rng> disk_rngs_;              // index: server number - 1; stream ("disk", n)
  ClusterCounters counters_;
  uint64_t next_message_id_ = 1;
  // Clogs not yet traced as ended, by serial: "from to" names for net.clog_end.
  std::map<uint64_t, std::pair<std::string, std::string>> active_clogs_;
  uint64_t next_clog_serial_ = 1;
  NodeId executing_;
  History history_;
  HandlerId delivery_handler_ = 0;
  HandlerId timer_handler_ = 0;
  HandlerId sync_handler_ = 0;
  HandlerId client_handler_ = 0;
};

}  // namespace faultline
