// File: sim_node.h
// One simulated server: the NodeEnv its protocol sees (local time, send, timers, storage, rng,
// trace) plus crash and restart. Owns the invariant that a crashed node runs nothing: its protocol
// object is destroyed, its timers and pending syncs are void, and messages to it are dropped.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "sim/cluster/sim_storage.h"
#include "sim/engine/simulator.h"
#include "sim/env/protocol.h"

namespace faultline {

class Cluster;

using ProtocolFactory = std::function<std::unique_ptr<Protocol>(NodeEnv&)>;

class SimNode final : public NodeEnv {
 public:
  SimNode(Cluster& cluster, NodeId id, std::vector<NodeId> peers, Rng rng);

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

  // Driven by the cluster.
  void boot(const ProtocolFactory& factory);
  void crash(bool lose_unsynced);
  bool is_up() const { return protocol_ != nullptr; }
  void deliver(NodeId from, const MessagePtr& message);
  void fire_timer(TimerId timer);
  void complete_sync(StorageOpId op);
  SimStorage& sim_storage() { return storage_; }

 private:
  Cluster& cluster_;
  NodeId id_;
  std::vector<NodeId> peers_;
  Rng rng_;
  SimStorage storage_;
  std::unique_ptr<Protocol> protocol_;
  // Live timers: id -> tag. Looked up by id only, never iterated.
  std::unordered_map<TimerId, uint64_t> timer_tags_;
  TimerId next_timer_ = 1;
};

}  // namespace faultline
