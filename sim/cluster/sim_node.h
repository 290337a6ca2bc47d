// File: sim_node.h
// One simulated server: the NodeEnv its protocol sees (local time, send, timers, storage, rng,
// trace, boot mode, halt) plus crash and restart. Owns the invariant that a crashed node runs
// nothing: its protocol object is destroyed, its timers and pending syncs are void, and messages to
// it are dropped; a halting protocol is destroyed only after its handler has returned. Owns the
// node's clock (hardware: it survives crashes) and the invariant that every live timer is
// scheduled at the global time its local deadline is reached, also after a clock jump.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "models/clock/clock_model.h"
#include "sim/cluster/sim_storage.h"
#include "sim/engine/simulator.h"
#include "sim/env/protocol.h"

namespace faultline {

class Cluster;

using ProtocolFactory = std::function<std::unique_ptr<Protocol>(NodeEnv&)>;

class SimNode final : public NodeEnv {
 public:
  SimNode(Cluster& cluster, NodeId id, std::vector<NodeId> peers, Rng rng,
          uint64_t disk_capacity_bytes, ClockModel clock = ClockModel());

  // NodeEnv
  NodeId self() const override { return id_; }
  std::span<const NodeId> peers() const override { return peers_; }
  Time now() const override;
  void send(NodeId target, MessagePtr message) override;
  TimerId set_timer(Duration delay, uint64_t tag) override;
  void cancel_timer(TimerId timer) override;
  Storage& storage() override { return storage_; }
  Rng& rng() override { return rng_; }
  void trace(TraceEvent event) override;
  BootMode boot_mode() const override { return boot_mode_; }
  void halt(std::string_view reason) override;

  // Driven by the cluster. boot() recovers the disk (tracing a discarded torn record) and starts
  // the protocol: with BootMode::bootstrap until a sync has completed on this node, with rejoin
  // afterwards (see BootMode).
  void boot(const ProtocolFactory& factory);
  // Crash: see SimStorage::crash for `lose_unsynced` and `tear_last`.
  void crash(bool lose_unsynced, bool tear_last);
  bool is_up() const { return protocol_ != nullptr; }
  void deliver(NodeId from, const MessagePtr& message);
  void fire_timer(TimerId timer);
  void complete_sync(StorageOpId op);
  SimStorage& sim_storage() { return storage_; }
  const ClockModel& clock() const { return clock_; }
  // Steps the local clock by `by` and moves every live timer to the global time at which its
  // local deadline is now reached: at once if overdue (in deadline, then id order), later after a
  // backward jump. Allowed while down (the clock is hardware; a down node has no timers).
  // Returns the step actually taken (ClockModel::jump clamps at its limit).
  Duration jump_clock(Duration by);

 private:
  // Runs one protocol handler; if it called halt(), crashes the node once it has returned.
  template <typename Call>
  void run_handler(Call&& call);

  Cluster& cluster_;
  NodeId id_;
  std::vector<NodeId> peers_;
  Rng rng_;
  SimStorage storage_;
  struct PendingTimer {
    TimerId id;
    uint64_t tag;
    Time local_deadline;
    EventId event;  // the simulator event that fires it, for re-scheduling after a jump
  };
  // The live timer `id`, or nullptr (fired, cancelled, or set before a crash).
  std::vector<PendingTimer>::iterator find_timer(TimerId id);

  std::unique_ptr<Protocol> protocol_;
  ClockModel clock_;
  // Live timers sorted by id (ids are issued in increasing order, so arming appends). A protocol
  // keeps a handful of timers, so binary search plus erase-by-shift is cheap, and the vector keeps
  // its capacity: arming, cancelling and firing allocate nothing in steady state.
  std::vector<PendingTimer> timers_;
  TimerId next_timer_ = 1;
  bool provisioned_ = false;  // a sync has completed successfully on this node (ever)
  BootMode boot_mode_ = BootMode::bootstrap;
  bool in_handler_ = false;
  bool halting_ = false;  // halt() was called in the running handler
};

}  // namespace faultline
