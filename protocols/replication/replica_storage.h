// File: replica_storage.h
// A replica's persistent state (the epoch it joined, the epoch of the log it holds, the log) in
// env.storage(), and the gate that holds an action until the writes it depends on are durable.
// Owns "persist before you send": a replica promises an epoch (EpochState) or acknowledges
// entries (UpdateAck) only from inside after_sync().
//
// Keys: "member" (bootstrap marker: its absence on a rejoin means a wiped disk), "epoch",
// "log_epoch", "commit" (decimal), "log/<20-digit index>" -> encode_entry().
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "protocols/replication/replica_entry.h"
#include "sim/env/storage.h"

namespace faultline::replication {

struct RecoveredReplica {
  uint64_t epoch = 0;
  uint64_t log_epoch = 0;
  uint64_t commit_index = 0;      // a lower bound of the committed prefix (saved lazily)
  std::vector<ReplicaEntry> log;  // log[i] has index i + 1; the well-formed prefix
};

class ReplicaStorage {
 public:
  // STYLE.md 7: actions waiting for a sync; more means the disk stopped completing syncs.
  static constexpr size_t max_held_actions = 1 << 16;

  explicit ReplicaStorage(Storage& storage) : storage_(storage) {}

  void save_member_marker();
  bool has_member_marker() const;
  RecoveredReplica load() const;

  void save_epochs(uint64_t epoch, uint64_t log_epoch);
  void save_entry(uint64_t index, const ReplicaEntry& entry);
  // Buffers the commit index; it becomes durable with the next sync (nothing waits for it: a
  // lower durable commit index is always true, as committed entries never change).
  void save_commit(uint64_t commit_index);
  // Erases the entries with index in [from, last_index].
  void erase_entries(uint64_t from, uint64_t last_index);

  // Runs `action` now if every buffered write is durable, else once the sync covering them
  // completes (issuing it). Returns false, dropping `action`, when max_held_actions wait: a
  // dropped answer is a lost message, which the protocol already tolerates.
  [[nodiscard]] bool after_sync(std::function<void()> action);
  // Sync `op` completed (in issue order): the actions that may run now, in queue order.
  std::vector<std::function<void()>> on_sync_complete();

  static std::string log_key(uint64_t index);

 private:
  struct HeldAction {
    uint64_t sync_number;  // runs once this many syncs have completed
    std::function<void()> action;
  };

  Storage& storage_;
  bool dirty_ = false;
  uint64_t syncs_issued_ = 0;
  uint64_t syncs_completed_ = 0;
  std::deque<HeldAction> held_;
};

}  // namespace faultline::replication
