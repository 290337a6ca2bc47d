// File: multi_paxos_leader.cc
// The distinguished proposer ("Paxos Made Simple" section 3) and the distinguished learner that
// counts its accepts (section 2.3). Owns P2c for every slot: a leader proposes in ballot b only
// after a majority promised b, and then, for each slot from the prepare's first slot up to the
// highest slot any promise reported, the value of the highest-ballot proposal reported (or a
// no-op where none was: section 3's gap "filled ... with a special no-op command"); new client
// commands go above. A slot is chosen when a majority accepted it in this leader's ballot.
#include <algorithm>

#include "protocols/paxos/multi_paxos_node.h"
#include "sim/base/check.h"

namespace faultline::paxos::multi {

// Phase 1a for all slots from the first unchosen one (section 3: "a single very short message"
// for infinitely many instances), in a ballot above any this node has seen (section 2.5).
void MultiPaxosNode::start_phase1() {
  ballot_ = Ballot::next_above(std::max({promised_, highest_seen_, ballot_}), env_.self());
  if (ballot_.round == 0) {
    ballot_ = Ballot::make(1, env_.self());  // rounds start at 1 (r0 reads as "no round")
  }
  role_ = Role::preparing;
  restart_phase1();
}

// Phase 1a in ballot_ from the first unchosen slot, forgetting earlier promises of this ballot
// (they reported from another first slot).
void MultiPaxosNode::restart_phase1() {
  promises_.clear();
  proposals_.clear();
  prepare_first_slot_ = first_unchosen_;
  env_.trace(TraceEvent{"paxos",
                        "prepare",
                        {{"ballot", static_cast<int64_t>(ballot_.encode())},
                         {"first_slot", static_cast<int64_t>(prepare_first_slot_)}}});
  auto prepare = std::make_shared<Prepare>();
  prepare->ballot = ballot_;
  prepare->first_slot = prepare_first_slot_;
  // This node's own promise of ballot_ is written first, and no peer hears of ballot_ until it
  // is durable: a restarted node starts above its durable promise, so it can never prepare
  // ballot_ again (ballots unique per proposer, section 2.5). Without this, a crash before the
  // sync let a second incarnation reuse the ballot and get a second value chosen in a slot.
  dispatch(env_.self(), prepare);
  Ballot ballot = ballot_;
  after_sync([this, prepare, ballot] {
    if (role_ != Role::preparing || ballot_ != ballot) {
      return;  // preempted, or a later phase 1 already started
    }
    for (NodeId peer : env_.peers()) {
      env_.send(peer, prepare);
    }
  });
}

void MultiPaxosNode::handle_promise(NodeId from, const Promise& promise) {
  if (role_ != Role::preparing || promise.ballot != ballot_ ||
      promise.first_slot > prepare_first_slot_) {
    return;  // stale: an earlier ballot, or phase 1 already ended (a promise from an earlier
             // first slot of this ballot reports more slots than needed: it still counts)
  }
  promises_[from] = promise.accepted;
  if (promises_.size() >= quorum()) {
    become_leader();
  }
}

// Phase 1 succeeded: re-propose, per slot, the value of the highest-ballot proposal reported,
// no-ops in the gaps below the highest reported slot, then the held client requests.
void MultiPaxosNode::become_leader() {
  role_ = Role::leader;
  env_.trace(TraceEvent{"paxos",
                        "become_leader",
                        {{"ballot", static_cast<int64_t>(ballot_.encode())},
                         {"round", static_cast<int64_t>(ballot_.round)}}});
  std::map<uint64_t, AcceptedProposal> highest;  // slot -> highest-ballot proposal reported
  for (const auto& [acceptor, reported] : promises_) {
    for (const AcceptedProposal& proposal : reported) {
      auto [it, inserted] = highest.try_emplace(proposal.slot, proposal);
      if (!inserted && proposal.ballot > it->second.ballot) {
        it->second = proposal;
      }
    }
  }
  promises_.clear();
  if (config_.bug == MultiPaxosConfig::Bug::ignore_promise_reports) {
    highest.clear();  // the bug: as if no acceptor had accepted anything
  }
  uint64_t last_slot = prepare_first_slot_ - 1;
  if (!highest.empty()) {
    last_slot = std::max(last_slot, highest.rbegin()->first);
  }
  if (!chosen_.empty() && config_.bug == MultiPaxosConfig::Bug::none) {
    last_slot = std::max(last_slot, chosen_.rbegin()->first);
  }
  for (uint64_t slot = prepare_first_slot_; slot <= last_slot; ++slot) {
    if (chosen_.count(slot) != 0) {
      continue;  // already known chosen here: nothing to decide
    }
    auto it = highest.find(slot);
    if (it != highest.end()) {
      propose(slot, it->second.command, /*fresh=*/false);
    } else {
      propose(slot, Command::noop(), /*fresh=*/true);
    }
  }
  next_slot_ = last_slot + 1;
  std::deque<std::pair<NodeId, KvRequest>> held = std::move(held_requests_);
  held_requests_.clear();
  for (const auto& [client, request] : held) {
    handle_client_request(client, request);
  }
}

void MultiPaxosNode::step_down(Ballot ballot) {
  if (role_ == Role::follower) {
    return;
  }
  role_ = Role::follower;
  env_.trace(
      TraceEvent{"paxos", "become_follower", {{"ballot", static_cast<int64_t>(ballot.encode())}}});
  promises_.clear();
  proposals_.clear();
  waiting_.clear();  // clients retry; a chosen retry is deduplicated by the state machine
  held_requests_.clear();
}

// Phase 2a for one slot. `fresh`: a value this leader introduces (a client's command or a gap's
// no-op), traced as paxos.propose (the validity checker's source of proposed values).
void MultiPaxosNode::propose(uint64_t slot, Command command, bool fresh) {
  FL_CHECK(role_ == Role::leader, "a {} proposes", role_name(role_));
  FL_CHECK(proposals_.count(slot) == 0 && chosen_.count(slot) == 0,
           "slot {} proposed twice in ballot {}", slot, ballot_.name());
  if (fresh) {
    env_.trace(TraceEvent{"paxos",
                          "propose",
                          {{"slot", static_cast<int64_t>(slot)},
                           {"ballot", static_cast<int64_t>(ballot_.encode())},
                           {"value", command_digest(command)}}});
  }
  proposals_[slot] = Proposal{command, {}};
  for (NodeId peer : env_.peers()) {
    send_accept(peer, slot, command);
  }
  send_accept(env_.self(), slot, command);
}

void MultiPaxosNode::send_accept(NodeId to, uint64_t slot, const Command& command) {
  auto accept = std::make_shared<Accept>();
  accept->ballot = ballot_;
  accept->slot = slot;
  accept->command = command;
  dispatch(to, std::move(accept));
}

// Section 2.3: the distinguished learner learns a slot once a majority accepted it in one ballot.
void MultiPaxosNode::handle_accepted(NodeId from, const Accepted& accepted) {
  if (role_ != Role::leader || accepted.ballot != ballot_) {
    return;
  }
  auto it = proposals_.find(accepted.slot);
  if (it == proposals_.end()) {
    return;  // already chosen
  }
  it->second.accepted_by.insert(from);
  if (it->second.accepted_by.size() < quorum()) {
    return;
  }
  Command command = std::move(it->second.command);
  proposals_.erase(it);
  for (NodeId peer : env_.peers()) {
    auto chosen = std::make_shared<Chosen>();
    chosen->slot = accepted.slot;
    chosen->command = command;
    env_.send(peer, std::move(chosen));
  }
  learn(accepted.slot, command);
}

// Section 2.4: a proposer told of a higher ballot abandons its own; it may try again later with a
// higher one, after a random back-off of 0-2 intervals (two candidates do not keep colliding).
void MultiPaxosNode::handle_nack(NodeId /*from*/, const Nack& nack) {
  observe_ballot(nack.promised);
  if (role_ == Role::follower || nack.ballot != ballot_ || nack.promised <= ballot_) {
    return;
  }
  step_down(nack.promised);
  backoff_ticks_ = static_cast<uint32_t>(env_.rng().uniform(0, 2));
}

// Lost messages: a preparing candidate asks the acceptors that have not promised again; a leader
// re-sends the accepts of its oldest unchosen slots to the acceptors that have not accepted them.
// A candidate that learned chosen slots meanwhile (catch-up through heartbeats) prepares again
// from its new first unchosen slot, in the same ballot: smaller promises (a promise too large for
// a link's queue would never arrive).
void MultiPaxosNode::retransmit() {
  if (role_ == Role::preparing && first_unchosen_ > prepare_first_slot_) {
    restart_phase1();
    return;
  }
  if (role_ == Role::preparing) {
    auto prepare = std::make_shared<Prepare>();
    prepare->ballot = ballot_;
    prepare->first_slot = prepare_first_slot_;
    for (NodeId peer : env_.peers()) {
      if (promises_.count(peer) == 0) {
        env_.send(peer, prepare);
      }
    }
    return;
  }
  uint32_t sent = 0;
  for (const auto& [slot, proposal] : proposals_) {
    if (sent++ >= config_.max_slots_per_round) {
      break;
    }
    for (NodeId peer : env_.peers()) {
      if (proposal.accepted_by.count(peer) == 0) {
        send_accept(peer, slot, proposal.command);
      }
    }
  }
}

}  // namespace faultline::paxos::multi
