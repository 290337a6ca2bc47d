// File: replica_storage.h
// A replica's persistent state (the epoch it joined, the epoch of the log it holds, the log) in
// env.storage(), and the gate that holds an action until the writes it depends on are durable
// (protocols/common/sync_gate.h). Owns "persist before you send": every write but the lazy commit
// index marks the gate dirty, and a replica promises an epoch (EpochState) or acknowledges entries
// (UpdateAck) only from inside sync_gate().after_sync().
//
// Keys: "member" (bootstrap marker: its absence on a rejoin means a wiped disk), "epoch",
// "log_epoch", "commit" (decimal), "log/<20-digit index>" -> encode_entry().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "protocols/common/sync_gate.h"
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
  explicit ReplicaStorage(Storage& storage) : storage_(storage), gate_(storage) {}

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

  // Holds epoch promises and acks until the writes above are durable: a dropped answer is a lost
  // message, which the protocol already tolerates.
  common::SyncGate& sync_gate() { return gate_; }

  static std::string log_key(uint64_t index);

 private:
  Storage& storage_;
  common::SyncGate gate_;
};

}  // namespace faultline::replication
