// File: multi_paxos_acceptor.cc
// The acceptor ("Paxos Made Simple" sections 2.2 and 2.3, one instance per slot as in section 3,
// with one promise covering every slot). Owns P1a: an acceptor promises or accepts ballot b only
// if it has not promised a ballot above b; and the stable-storage rule: the promise and the
// accepted proposal are durable before the Promise or Accepted that reports them leaves.
#include "protocols/paxos/multi_paxos_node.h"

namespace faultline::paxos::multi {

void MultiPaxosNode::send_nack(NodeId to, Ballot refused) {
  auto nack = std::make_shared<Nack>();
  nack->ballot = refused;
  nack->promised = promised_;
  dispatch(to, std::move(nack));
}

void MultiPaxosNode::preempted_by(Ballot ballot) {
  if (role_ != Role::follower && ballot > ballot_) {
    step_down(ballot);
  }
}

// Phase 1b (section 2.2 (b)): promise never again to accept a ballot below prepare.ballot, and
// report every proposal accepted at a slot >= prepare.first_slot.
void MultiPaxosNode::handle_prepare(NodeId from, const Prepare& prepare) {
  observe_ballot(prepare.ballot);
  if (prepare.ballot < promised_) {
    send_nack(from, prepare.ballot);
    return;
  }
  preempted_by(prepare.ballot);
  promised_ = prepare.ballot;
  storage_.save_promised(promised_);
  auto promise = std::make_shared<Promise>();
  promise->ballot = prepare.ballot;
  promise->first_slot = prepare.first_slot;
  for (auto it = accepted_.lower_bound(prepare.first_slot); it != accepted_.end(); ++it) {
    promise->accepted.push_back(AcceptedProposal{it->first, it->second.ballot, it->second.command});
  }
  after_sync([this, from, promise] {
    env_.trace(TraceEvent{"paxos",
                          "promise",
                          {{"ballot", static_cast<int64_t>(promise->ballot.encode())},
                           {"to", from.name()},
                           {"reported", static_cast<int64_t>(promise->accepted.size())}}});
    dispatch(from, promise);
  });
}

// Phase 2b (section 2.2 (b)): accept unless a higher ballot was promised; accepting raises the
// promise to the accepted ballot.
void MultiPaxosNode::handle_accept(NodeId from, const Accept& accept) {
  observe_ballot(accept.ballot);
  if (accept.ballot < promised_) {
    send_nack(from, accept.ballot);
    return;
  }
  preempted_by(accept.ballot);
  if (accept.ballot > promised_) {
    promised_ = accept.ballot;
    storage_.save_promised(promised_);
  }
  AcceptedValue value{accept.ballot, accept.command};
  storage_.save_accepted(accept.slot, value);
  accepted_[accept.slot] = std::move(value);
  Ballot ballot = accept.ballot;
  uint64_t slot = accept.slot;
  std::string digest = command_digest(accept.command);
  after_sync([this, from, ballot, slot, digest] {
    env_.trace(TraceEvent{"paxos",
                          "accepted",
                          {{"slot", static_cast<int64_t>(slot)},
                           {"ballot", static_cast<int64_t>(ballot.encode())},
                           {"value", digest}}});
    auto accepted = std::make_shared<Accepted>();
    accepted->ballot = ballot;
    accepted->slot = slot;
    dispatch(from, std::move(accepted));
  });
}

}  // namespace faultline::paxos::multi
