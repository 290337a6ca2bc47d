// File: multi_paxos_storage.h
// Multi-Paxos's stable storage in env.storage(), and the gate that holds answers until the state
// they report is durable (protocols/common/sync_gate.h). Owns the invariant "an acceptor records
// its promise and its accepted proposals in stable storage before it replies" ("Paxos Made Simple"
// section 2.3, last paragraph): every write marks the gate dirty, so an action queued with
// sync_gate().after_sync() runs only once the write is synced.
//
// Keys: "member" -> decimal NodeId value of this server (written and synced first at bootstrap;
// its absence on a rejoin means the disk lost what this acceptor promised); "promised" -> the
// encoded ballot (round * 256 + proposer) of the highest promise; "accepted/<20-digit slot>" ->
// "<encoded ballot> <command bytes>"; "chosen/<20-digit slot>" -> command bytes of a slot this
// learner knows is chosen (a learner's record, not a promise: it needs no sync before replying).
// The whole log is kept (no snapshot or truncation): storage grows by one or two records per slot.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "protocols/common/sync_gate.h"
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
  explicit MultiPaxosStorage(Storage& storage) : storage_(storage), gate_(storage) {}

  // Bootstrap: records that this disk belongs to member `self` and syncs it before anything else.
  void save_member_marker(NodeId self) { gate_.save_member_marker(self); }
  bool has_member_marker() const;

  RecoveredState load() const;
  void save_promised(Ballot promised);
  void save_accepted(uint64_t slot, const AcceptedValue& accepted);
  void save_chosen(uint64_t slot, const Command& command);

  // Holds answers until the records above are durable.
  common::SyncGate& sync_gate() { return gate_; }

  static std::string accepted_key(uint64_t slot);
  static std::string chosen_key(uint64_t slot);

 private:
  Storage& storage_;
  common::SyncGate gate_;
};

}  // namespace faultline::paxos::multi
