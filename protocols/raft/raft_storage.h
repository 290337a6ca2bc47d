// File: raft_storage.h
// Raft's persistent state (Figure 2: currentTerm, votedFor, log[]) in env.storage(), and the gate
// that holds answers until the state they depend on is durable. Owns the invariant "persist before
// you answer": an action queued with after_sync() runs only once every write buffered before it
// has been synced (like etcd-io/raft's msgsAfterAppend).
//
// Keys: "member" -> decimal NodeId value of this server, written and synced first at bootstrap
// (its absence on a rejoin means the disk lost everything); "term" -> decimal currentTerm;
// "voted_for" -> decimal NodeId value (0 = none); "log/<20-digit index>" -> encode_entry() of that
// entry.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  // STYLE.md 7: answers waiting for a sync; more means the disk stopped completing syncs.
  static constexpr size_t max_held_actions = 1 << 16;

  explicit RaftStorage(Storage& storage) : storage_(storage) {}

  static constexpr std::string_view member_key = "member";

  // Bootstrap: records that this disk belongs to member `self` and starts its sync, before any
  // other write. Syncs complete in issue order, so every later durable promise implies the marker
  // is durable too. No answer reports the marker, so after_sync() does not wait for its sync.
  void save_member_marker(NodeId self);
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

  // Runs `action` now if every buffered write is durable, else once the sync covering them
  // completes (issuing that sync if needed).
  // Returns false, dropping `action`, when max_held_actions are already waiting (STYLE.md 7: a
  // bounded queue sheds, as a modelled behaviour). Dropping is safe: a held answer that is never
  // sent is a lost message, and a dropped self-vote or self-ack only delays progress (a later
  // self-ack covers every lower index).
  [[nodiscard]] bool after_sync(std::function<void()> action);
  // Starts a sync of the buffered writes, if any, without waiting for anything.
  void sync_if_dirty();
  // Records that sync `op` completed (completions come in issue order) and returns the actions
  // that may now run, in the order they were queued.
  std::vector<std::function<void()>> on_sync_complete(StorageOpId op);

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
  std::deque<StorageOpId> in_flight_;
  std::optional<StorageOpId> marker_sync_;  // the bootstrap marker's sync, until it completes
  std::deque<HeldAction> held_;
};

}  // namespace faultline::raft
