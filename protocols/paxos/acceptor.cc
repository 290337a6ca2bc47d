// File: acceptor.cc
// Phase 1b and phase 2b of "Paxos Made Simple" section 2.2, with durable state (section 2.3).
#include "protocols/paxos/acceptor.h"

#include <memory>
#include <optional>

#include <fmt/format.h>

#include "sim/base/check.h"

namespace faultline::paxos {
namespace {

// "<encoded ballot> <value>" (values carry no spaces).
std::string encode_accepted(Ballot ballot, const std::string& value) {
  return fmt::format("{} {}", ballot.encode(), value);
}

}  // namespace

void Acceptor::recover() {
  std::optional<std::string> accepted = env_.storage().get(accepted_key);
  if (accepted) {
    size_t space = accepted->find(' ');
    FL_CHECK(space != std::string::npos, "malformed accepted record '{}'", *accepted);
    accepted_ballot_ = Ballot::decode(std::stoull(accepted->substr(0, space)));
    accepted_value_ = accepted->substr(space + 1);
  }
  std::optional<std::string> promised = env_.storage().get(promised_key);
  if (promised) {
    promised_ = Ballot::decode(std::stoull(*promised));
  }
  // Accepting n implies a promise of n (section 2.2 P1a); with forget_promise_on_restart the
  // accepted ballot is all that survives.
  if (accepted_ballot_ > promised_) {
    promised_ = accepted_ballot_;
  }
  env_.trace(TraceEvent{"paxos",
                        "recover",
                        {{"slot", 1},
                         {"promised", static_cast<int64_t>(promised_.encode())},
                         {"accepted_ballot", static_cast<int64_t>(accepted_ballot_.encode())},
                         {"accepted_value", accepted_ballot_.is_none() ? "-" : accepted_value_}}});
}

// Section 2.2 phase 1(b): "If an acceptor receives a prepare request with number n greater than
// that of any prepare request to which it has already responded, then it responds ... with a
// promise not to accept any more proposals numbered less than n and with the highest-numbered
// proposal (if any) that it has accepted." Equal ballots are answered again (a duplicated
// prepare of the same proposer), which promises nothing new.
void Acceptor::on_prepare(NodeId from, const Prepare& prepare) {
  if (prepare.ballot < promised_) {
    reject(from, prepare.ballot, Nack::Phase::prepare);
    return;
  }
  promised_ = prepare.ballot;
  if (bug_ == AcceptorBug::forget_promise_on_restart) {
    // The bug: the promise never reaches the disk.
    send_promise(from, prepare.ballot, accepted_ballot_, accepted_value_);
    return;
  }
  env_.storage().put(promised_key, fmt::format("{}", promised_.encode()));
  // The reply reports the accepted proposal as of now: written before this sync, so durable
  // when it completes.
  after_sync([this, from, ballot = prepare.ballot, accepted_ballot = accepted_ballot_,
              accepted_value = accepted_value_] {
    send_promise(from, ballot, accepted_ballot, accepted_value);
  });
}

void Acceptor::send_promise(NodeId to, Ballot ballot, Ballot accepted_ballot,
                            const std::string& accepted_value) {
  auto promise = std::make_shared<Promise>();
  promise->ballot = ballot;
  promise->accepted_ballot = accepted_ballot;
  promise->accepted_value = accepted_value;
  env_.trace(TraceEvent{"paxos",
                        "promise",
                        {{"slot", 1},
                         {"ballot", static_cast<int64_t>(ballot.encode())},
                         {"to", to.name()},
                         {"accepted_ballot", static_cast<int64_t>(accepted_ballot.encode())},
                         {"accepted_value", accepted_ballot.is_none() ? "-" : accepted_value}}});
  env_.send(to, std::move(promise));
}

bool Acceptor::may_accept(Ballot ballot) const {
  switch (bug_) {
    case AcceptorBug::accept_without_promise_check:
      // B19: equal to the promise, or a newer "timestamp" (round); the accepted ballot is ignored.
      return ballot == promised_ || ballot.round > promised_.round;
    case AcceptorBug::none:
    case AcceptorBug::no_promise_on_accept:
    case AcceptorBug::forget_promise_on_restart:
      // P1a: not below the promise. promised >= accepted always holds when accepting raises the
      // promise, so this also compares against the accepted ballot (B19's fix).
      return ballot >= promised_;
  }
  return false;
}

// Section 2.2 phase 2(b): "If an acceptor receives an accept request for a proposal numbered n,
// it accepts the proposal unless it has already responded to a prepare request having a number
// greater than n." Accepting n also raises the promise to n (B21: otherwise an older ballot can
// still be accepted over it).
void Acceptor::on_accept(NodeId from, const Accept& accept) {
  if (!may_accept(accept.ballot)) {
    reject(from, accept.ballot, Nack::Phase::accept);
    return;
  }
  bool raises_promise = bug_ != AcceptorBug::accept_without_promise_check &&
                        bug_ != AcceptorBug::no_promise_on_accept;
  if (raises_promise && accept.ballot > promised_) {
    promised_ = accept.ballot;
    if (bug_ != AcceptorBug::forget_promise_on_restart) {
      env_.storage().put(promised_key, fmt::format("{}", promised_.encode()));
    }
  }
  accepted_ballot_ = accept.ballot;
  accepted_value_ = accept.value;
  env_.storage().put(accepted_key, encode_accepted(accepted_ballot_, accepted_value_));
  Ballot ballot = accept.ballot;
  std::string value = accept.value;
  after_sync([this, from, ballot, value] { send_accepted(from, ballot, value); });
}

// Section 2.3: every acceptor tells every learner (each server is a learner, self included).
// Traced once durable, so paxos.accepted events are exactly what the acceptors stand by.
void Acceptor::send_accepted(NodeId from, Ballot ballot, const std::string& value) {
  env_.trace(TraceEvent{"paxos",
                        "accepted",
                        {{"slot", 1},
                         {"ballot", static_cast<int64_t>(ballot.encode())},
                         {"value", value},
                         {"from", from.name()}}});
  auto accepted = std::make_shared<Accepted>();
  accepted->ballot = ballot;
  accepted->value = value;
  env_.send(env_.self(), accepted);
  for (NodeId peer : env_.peers()) {
    env_.send(peer, accepted);
  }
}

void Acceptor::reject(NodeId to, Ballot ballot, Nack::Phase phase) {
  auto nack = std::make_shared<Nack>();
  nack->ballot = ballot;
  nack->promised = promised_;
  nack->phase = phase;
  env_.trace(TraceEvent{"paxos",
                        "nack",
                        {{"slot", 1},
                         {"ballot", static_cast<int64_t>(ballot.encode())},
                         {"promised", static_cast<int64_t>(promised_.encode())},
                         {"phase", nack->phase_name()},
                         {"to", to.name()}}});
  // A refusal commits the acceptor to nothing, so it need not wait for the disk.
  env_.send(to, std::move(nack));
}

void Acceptor::after_sync(std::function<void()> release) {
  StorageOpId op = env_.storage().sync();
  waiting_.emplace(op, std::move(release));
}

bool Acceptor::on_sync_complete(StorageOpId op) {
  auto position = waiting_.find(op);
  if (position == waiting_.end()) {
    return false;
  }
  std::function<void()> release = std::move(position->second);
  waiting_.erase(position);
  release();
  return true;
}

}  // namespace faultline::paxos
