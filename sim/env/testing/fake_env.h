// File: fake_env.h
// Test doubles for driving protocol nodes by hand (transcript tests): a Storage whose syncs
// complete only when the test says so, and a NodeEnv with recorded timers that forwards sends and
// trace events to the harness. Owns the test-side durability model: a crash keeps exactly the
// writes covered by completed syncs, minus records corrupted since (reported by corrupted_keys());
// a full disk fails syncs without making anything durable.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/env/node_env.h"
#include "sim/env/storage.h"

namespace faultline::testing {

class FakeStorage final : public Storage {
 public:
  using Contents = std::map<std::string, std::string, std::less<>>;

  void put(std::string_view key, std::string value) override;
  void erase(std::string_view key) override;
  void erase_range(std::string_view from, std::string_view to) override;
  StorageOpId sync() override;
  std::optional<std::string> get(std::string_view key) const override;
  const Contents& contents() const override { return current_; }
  const std::vector<std::string>& corrupted_keys() const override { return recovered_corrupted_; }

  // Writes `value` as already durable (preloading a node before its first start).
  void preload(std::string_view key, std::string value);
  bool has_pending_sync() const { return !pending_.empty(); }
  struct SyncResult {
    StorageOpId op = 0;
    StorageStatus status = StorageStatus::ok;
  };
  // Ends the oldest pending sync: its snapshot becomes durable (ok), or nothing does (no_space,
  // while the disk is full).
  SyncResult finish_oldest_sync();
  // finish_oldest_sync() on a disk that is not full; returns the op.
  StorageOpId complete_oldest_sync();
  // A crash: unsynced writes and pending syncs are lost; corrupted records are hidden and
  // reported by corrupted_keys() until a completed sync rewrites them.
  void crash();
  // Erases everything (the node must be crashed first).
  void wipe();
  // The durable record of `key` fails its checksum from now on; false if there is none.
  bool corrupt(const std::string& key);
  void set_full(bool full) { full_ = full; }

 private:
  Contents current_;
  Contents durable_;
  std::set<std::string, std::less<>> corrupted_;
  std::vector<std::string> recovered_corrupted_;
  bool full_ = false;
  std::deque<std::pair<StorageOpId, Contents>> pending_;
  StorageOpId next_op_ = 1;
};

// What a FakeEnv reports to (implemented by the transcript runner).
class FakeWorld {
 public:
  virtual ~FakeWorld() = default;
  virtual void on_send(NodeId from, NodeId to, MessagePtr message) = 0;
  virtual void on_trace(NodeId node, const TraceEvent& event) = 0;
  // The clock every node reads (moved by the test; timers still fire only when the test says).
  virtual Time now() const = 0;
};

class FakeEnv final : public NodeEnv {
 public:
  struct Timer {
    uint64_t tag = 0;
    Duration delay;
  };

  FakeEnv(NodeId self, std::vector<NodeId> peers, FakeWorld& world);

  NodeId self() const override { return self_; }
  std::span<const NodeId> peers() const override { return peers_; }
  Time now() const override { return world_.now(); }
  void send(NodeId target, MessagePtr message) override;
  TimerId set_timer(Duration delay, uint64_t tag) override;
  void cancel_timer(TimerId timer) override;
  Storage& storage() override { return storage_; }
  Rng& rng() override { return rng_; }
  void trace(TraceEvent event) override;
  BootMode boot_mode() const override { return boot_mode_; }
  // Traces node.halt reason=... to the world and discards later sends; the harness crashes the
  // node once the handler has returned (halting()).
  void halt(std::string_view reason) override;

  void set_boot_mode(BootMode mode) { boot_mode_ = mode; }
  bool halting() const { return halting_; }
  void clear_halting() { halting_ = false; }
  FakeStorage& fake_storage() { return storage_; }
  // The armed timer with `tag` (the oldest if several), removed from the armed set.
  std::optional<TimerId> take_timer(uint64_t tag);
  void clear_timers() { timers_.clear(); }

 private:
  NodeId self_;
  std::vector<NodeId> peers_;
  FakeWorld& world_;
  FakeStorage storage_;
  Rng rng_;
  std::map<TimerId, Timer> timers_;
  TimerId next_timer_ = 1;
  BootMode boot_mode_ = BootMode::bootstrap;
  bool halting_ = false;
};

}  // namespace faultline::testing
