// File: acceptor.h
// The acceptor of single-decree Paxos ("Paxos Made Simple", section 2.2). Owns the invariants
// P1a ("an acceptor can accept a proposal numbered n iff it has not responded to a prepare
// request having a number greater than n") and stable storage (section 2.3: "an acceptor must
// remember this information even if it fails and then restarts"): a promise or accepted reply
// leaves only after the sync that makes its state durable has completed.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "protocols/paxos/ballot.h"
#include "protocols/paxos/single_decree.h"
#include "protocols/paxos/single_decree_messages.h"
#include "sim/env/node_env.h"

namespace faultline::paxos {

class Acceptor {
 public:
  static constexpr std::string_view promised_key = "paxos/promised";
  static constexpr std::string_view accepted_key = "paxos/accepted";

  Acceptor(NodeEnv& env, AcceptorBug bug) : env_(env), bug_(bug) {}

  // Reads promised and accepted (ballot, value) from storage (traced paxos.recover).
  void recover();
  void on_prepare(NodeId from, const Prepare& prepare);
  void on_accept(NodeId from, const Accept& accept);
  // Sends the replies that waited for sync `op`; false if `op` is not the acceptor's.
  bool on_sync_complete(StorageOpId op);

  Ballot promised() const { return promised_; }
  Ballot accepted_ballot() const { return accepted_ballot_; }
  const std::string& accepted_value() const { return accepted_value_; }

 private:
  // Section 2.2 P1a as amended by the bug variants: may (ballot) be accepted now?
  bool may_accept(Ballot ballot) const;
  void reject(NodeId to, Ballot ballot, Nack::Phase phase);
  // Issues a sync; `release` (trace and send the replies) runs when it completes: persist
  // before you answer, and trace only what the disk holds.
  void after_sync(std::function<void()> release);
  void send_promise(NodeId to, Ballot ballot, Ballot accepted_ballot,
                    const std::string& accepted_value);
  void send_accepted(NodeId from, Ballot ballot, const std::string& value);

  NodeEnv& env_;
  AcceptorBug bug_;
  Ballot promised_;
  Ballot accepted_ballot_;
  std::string accepted_value_;
  std::map<StorageOpId, std::function<void()>> waiting_;
};

}  // namespace faultline::paxos
