// File: sync_gate.h
// The gate that holds an action (an answer, a self-vote, a self-ack) until every write it depends
// on is durable, shared by Raft, Multi-Paxos and the replication strategies. Owns the invariant
// "persist before you send": an action queued with after_sync() runs only once every write
// buffered before it (mark_dirty()) has been synced (like etcd-io/raft's msgsAfterAppend).
// Syncs complete in issue order (sim/env/storage.h), so the gate counts them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <vector>

#include "sim/base/node_id.h"
#include "sim/env/storage.h"

namespace faultline::common {

class SyncGate {
 public:
  // STYLE.md 7: actions waiting for a sync; more means the disk stopped completing syncs.
  static constexpr size_t max_held_actions = 1 << 16;

  explicit SyncGate(Storage& storage) : storage_(storage) {}

  // A write was buffered: the next sync must cover it before a later action runs.
  void mark_dirty() { dirty_ = true; }

  // Bootstrap: writes the member marker (sync_gate.cc: member_key) and starts its sync, before any
  // other write. Syncs complete in issue order, so every later durable promise implies the marker
  // is durable too. No action reports the marker, so after_sync() does not wait for its sync.
  void save_member_marker(NodeId self);

  // Runs `action` now if every buffered write is durable, else once the sync covering them
  // completes (issuing that sync if needed).
  // Returns false, dropping `action`, when max_held_actions are already waiting (STYLE.md 7: a
  // bounded queue sheds, as a modelled behaviour). Dropping is safe: a held answer that is never
  // sent is a lost message, and a dropped self-vote or self-ack only delays progress.
  [[nodiscard]] bool after_sync(std::function<void()> action);
  // Starts a sync of the buffered writes, if any, without waiting for anything.
  void sync_if_dirty();
  // Records that sync `op` completed (completions come in issue order) and returns the actions
  // that may now run, in the order they were queued.
  std::vector<std::function<void()>> on_sync_complete(StorageOpId op);

 private:
  struct HeldAction {
    uint64_t sync_number;  // runs once this many syncs have completed
    std::function<void()> action;
  };

  Storage& storage_;
  bool dirty_ = false;
  uint64_t syncs_issued_ = 0;
  uint64_t syncs_completed_ = 0;
  std::deque<StorageOpId> in_flight_;
  std::optional<StorageOpId> marker_sync_;  // the bootstrap marker's sync, until it completes
  std::deque<HeldAction> held_;
};

}  // namespace faultline::common
