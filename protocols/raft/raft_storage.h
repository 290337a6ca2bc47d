// File: raft_storage.h
// Raft's persistent state (Figure 2: currentTerm, votedFor, log[]) in env.storage(), and the gate
// that holds answers until the state they depend on is durable (protocols/common/sync_gate.h).
// Owns the invariant "persist before you answer": every write marks the gate dirty, so an action
// queued with sync_gate().after_sync() runs only once the write is synced.
//
// Keys: "member" -> decimal NodeId value of this server, written and synced first at bootstrap
// (its absence on a rejoin means the disk lost everything); "term" -> decimal currentTerm;
// "voted_for" -> decimal NodeId value (0 = none); "log/<20-digit index>" -> encode_entry() of that
// entry.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/common/sync_gate.h"
#include "protocols/raft/log_entry.h"
#include "sim/base/node_id.h"
#include "sim/env/storage.h"

namespace faultline::raft {

// What on_start() finds in storage.
struct RecoveredState {
  uint64_t current_term = 0;
  NodeId voted_for;
  std::vector<LogEntry> entries;  // entries[i] has index i + 1
  uint64_t discarded_from = 0;    // nonzero: log keys from this index on were not recoverable
};

class RaftStorage {
 public:
  explicit RaftStorage(Storage& storage) : storage_(storage), gate_(storage) {}

  // Bootstrap: records that this disk belongs to member `self` and starts its sync, before any
  // other write (SyncGate::save_member_marker).
  void save_member_marker(NodeId self) { gate_.save_member_marker(self); }
  // Whether the bootstrap marker is on the disk (false: never bootstrapped, or wiped since).
  bool has_member_marker() const;

  // Reads term, votedFor and the well-formed prefix of the log.
  RecoveredState load() const;
  // Erases every log key from index `from` on (what load() could not recover).
  void erase_log_from(uint64_t from);

  void save_hard_state(uint64_t current_term, NodeId voted_for);
  void save_entry(uint64_t index, const LogEntry& entry);
  // Erases the entries with index in [from, last_index].
  void erase_entries(uint64_t from, uint64_t last_index);

  // Holds answers until the writes above are durable. A dropped self-ack only delays progress: a
  // later self-ack covers every lower index.
  common::SyncGate& sync_gate() { return gate_; }

  static std::string log_key(uint64_t index);

 private:
  Storage& storage_;
  common::SyncGate gate_;
};

}  // namespace faultline::raft
