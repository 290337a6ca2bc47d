// File: multi_paxos_storage.h
// Multi-Paxos's stable storage in env.storage(), and the gate that holds answers until the state
// they report is durable. Owns the invariant "an acceptor records its promise and its accepted
// proposals in stable storage before it replies" ("Paxos Made Simple" section 2.3, last paragraph):
// an action queued with after_sync() runs only once every write buffered before it is synced.
//
// Keys: "member" -> decimal NodeId value of this server (written and synced first at bootstrap;
// its absence on a rejoin means the disk lost what this acceptor promised); "promised" -> the
// encoded ballot (round * 256 + proposer) of the highest promise; "accepted/<20-digit slot>" ->
// "<encoded ballot> <command bytes>"; "chosen/<20-digit slot>" -> command bytes of a slot this
// learner knows is chosen (a learner's record, not a promise: it needs no sync before replying).
// The whole log is kept (no snapshot or truncation): storage grows by one or two records per slot.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/paxos/ballot.h"
#include "protocols/paxos/multi_paxos_command.h"
#include "sim/base/node_id.h"
#include "sim/env/storage.h"

namespace faultline::paxos::multi {

struct AcceptedValue {
  Ballot ballot;
  Command command;
};

// What on_start() finds in storage.
struct RecoveredState {
  Ballot promised;
  std::map<uint64_t, AcceptedValue> accepted;  // by slot
  std::map<uint64_t, Command> chosen;          // by slot
  bool damaged = false;                        // a record failed its checksum or does not parse
};

class MultiPaxosStorage {
 public:
  // STYLE.md 7: answers waiting for a sync; more means the disk stopped completing syncs.
  static constexpr size_t max_held_actions = 1 << 16;
  static constexpr std::string_view member_key = "member";

  explicit MultiPaxosStorage(Storage& storage) : storage_(storage) {}

  // Bootstrap: records that this disk belongs to member `self` and syncs it before anything else.
  void save_member_marker(NodeId self);
  bool has_member_marker() const;

  RecoveredState load() const;
  void save_promised(Ballot promised);
  void save_accepted(uint64_t slot, const AcceptedValue& accepted);
  void save_chosen(uint64_t slot, const Command& command);

  // Runs `action` now if every buffered write is durable, else once the sync covering them
  // completes (issuing it if needed). Returns false, dropping `action`, when max_held_actions
  // already wait (a dropped answer is a lost message).
  [[nodiscard]] bool after_sync(std::function<void()> action);
  // Starts a sync of the buffered writes, if any.
  void sync_if_dirty();
  // Records that sync `op` completed (in issue order); returns the actions that may now run.
  std::vector<std::function<void()>> on_sync_complete(StorageOpId op);

  static std::string accepted_key(uint64_t slot);
  static std::string chosen_key(uint64_t slot);

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
  std::optional<StorageOpId> marker_sync_;
  std::deque<HeldAction> held_;
};

}  // namespace faultline::paxos::multi
