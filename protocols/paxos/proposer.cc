// File: proposer.cc
// Phases 1(a) and 2(a) of "Paxos Made Simple" section 2.2, and retrying with a higher ballot.
#include "protocols/paxos/proposer.h"

#include <memory>
#include <vector>

#include <fmt/format.h>

namespace faultline::paxos {

void Proposer::start() {
  std::optional<std::string> round = env_.storage().get(round_key);
  if (round) {
    // Every round up to the ceiling may have been used before the crash: start above it.
    round_ceiling_ = std::stoull(*round);
    ballot_ = Ballot{round_ceiling_, env_.self().number()};
  }
  if (!config_.proposes) {
    return;
  }
  Duration wait = config_.propose_at - (env_.now() - Time::zero());
  if (wait.ns <= 0) {
    begin_round();
    return;
  }
  start_timer_ = env_.set_timer(wait, static_cast<uint64_t>(ProposerTimer::start));
}

void Proposer::on_timer(TimerId timer, ProposerTimer tag) {
  if (tag == ProposerTimer::phase_timeout) {
    if (phase_timer_ == timer) {
      phase_timer_.reset();
      if (phase_ == Phase::preparing || phase_ == Phase::accepting) {
        abandon("timeout");
      }
    }
    return;
  }
  if (tag == ProposerTimer::start && start_timer_ == timer) {
    start_timer_.reset();
    begin_round();
  } else if (tag == ProposerTimer::retry && retry_timer_ == timer) {
    retry_timer_.reset();
    if (phase_ != Phase::done) {
      begin_round();
    }
  }
}

// Section 2.2 phase 1(a): "A proposer selects a proposal number n and sends a prepare request
// with number n to a majority of acceptors" (here: to every acceptor). n is above every ballot
// this proposer has used or seen (section 2.5), and within the durable round ceiling before the
// prepare leaves.
void Proposer::begin_round() {
  cancel_timers();
  if (rounds_ >= config_.max_rounds) {
    phase_ = Phase::done;
    env_.trace(TraceEvent{"paxos", "give_up", {{"slot", 1}, {"rounds", int64_t{rounds_}}}});
    return;
  }
  ++rounds_;
  ballot_ = Ballot::next_above(std::max(ballot_, highest_seen_), env_.self());
  promises_.clear();
  phase_ = Phase::persisting;
  prepare_when_durable();
}

void Proposer::prepare_when_durable() {
  if (ballot_.round > round_ceiling_) {
    if (!round_sync_) {
      extend_ceiling(ballot_.round + round_reserve - 1);
    }
    return;  // on_sync_complete comes back here
  }
  if (!round_sync_ && ballot_.round + round_reserve / 2 > round_ceiling_) {
    extend_ceiling(round_ceiling_ + round_reserve);
  }
  send_prepares();
}

void Proposer::extend_ceiling(uint64_t ceiling) {
  pending_ceiling_ = ceiling;
  env_.storage().put(round_key, fmt::format("{}", ceiling));
  round_sync_ = env_.storage().sync();
}

bool Proposer::on_sync_complete(StorageOpId op) {
  if (round_sync_ != op) {
    return false;
  }
  round_sync_.reset();
  round_ceiling_ = pending_ceiling_;
  if (phase_ == Phase::persisting) {
    prepare_when_durable();
  }
  return true;
}

void Proposer::send_prepares() {
  phase_ = Phase::preparing;
  env_.trace(TraceEvent{"paxos",
                        "prepare",
                        {{"slot", 1},
                         {"ballot", static_cast<int64_t>(ballot_.encode())},
                         {"round", static_cast<int64_t>(ballot_.round)}}});
  auto prepare = std::make_shared<Prepare>();
  prepare->ballot = ballot_;
  env_.send(env_.self(), prepare);
  for (NodeId peer : env_.peers()) {
    env_.send(peer, prepare);
  }
  phase_timer_ =
      env_.set_timer(config_.phase_timeout, static_cast<uint64_t>(ProposerTimer::phase_timeout));
}

void Proposer::on_promise(NodeId from, const Promise& promise) {
  if (promise.ballot != ballot_ || phase_ != Phase::preparing) {
    return;  // a late promise for an abandoned ballot
  }
  promises_[from] = Reported{promise.accepted_ballot, promise.accepted_value};
  if (promises_.size() * 2 > acceptor_count_) {
    send_accepts();
  }
}

// Section 2.2 phase 2(a): "... it sends an accept request ... for a proposal numbered n with a
// value v, where v is the value of the highest-numbered proposal among the responses, or is any
// value if the responses reported no proposals" (P2c).
void Proposer::send_accepts() {
  phase_ = Phase::accepting;
  const Reported* highest = nullptr;
  for (const auto& [acceptor, reported] : promises_) {
    if (!reported.ballot.is_none() && (highest == nullptr || reported.ballot > highest->ballot)) {
      highest = &reported;
    }
  }
  std::string value = highest != nullptr ? highest->value : config_.value;
  int64_t encoded = static_cast<int64_t>(ballot_.encode());
  if (highest == nullptr) {
    // The proposer introduces its own value: the source the validity checker trusts.
    env_.trace(
        TraceEvent{"paxos", "propose", {{"slot", 1}, {"ballot", encoded}, {"value", value}}});
  }
  env_.trace(TraceEvent{"paxos", "accept", {{"slot", 1}, {"ballot", encoded}, {"value", value}}});
  auto accept = std::make_shared<Accept>();
  accept->ballot = ballot_;
  accept->value = value;
  env_.send(env_.self(), accept);
  for (NodeId peer : env_.peers()) {
    env_.send(peer, accept);
  }
}

// Section 2.3: an acceptor that refuses tells the proposer, "who should then abandon its
// proposal"; the nack carries the promise that beat it, so the retry goes above it.
void Proposer::on_nack(const Nack& nack) {
  if (nack.promised > highest_seen_) {
    highest_seen_ = nack.promised;
  }
  if (nack.ballot != ballot_ || (phase_ != Phase::preparing && phase_ != Phase::accepting)) {
    return;
  }
  abandon(nack.phase_name());
}

void Proposer::abandon(std::string_view reason) {
  cancel_timers();
  phase_ = Phase::waiting;
  Duration delay = config_.retry_delay;
  if (config_.backoff == Backoff::random) {
    delay = delay + env_.rng().uniform_duration(Duration{}, config_.backoff_max);
  }
  env_.trace(TraceEvent{"paxos",
                        "retry",
                        {{"slot", 1},
                         {"ballot", static_cast<int64_t>(ballot_.encode())},
                         {"reason", reason},
                         {"delay_ns", delay.ns}}});
  if (delay.ns <= 0) {
    begin_round();
    return;
  }
  retry_timer_ = env_.set_timer(delay, static_cast<uint64_t>(ProposerTimer::retry));
}

void Proposer::on_chosen(Ballot ballot) {
  if (ballot != ballot_ || phase_ != Phase::accepting) {
    return;
  }
  cancel_timers();
  phase_ = Phase::done;
}

void Proposer::cancel_timers() {
  if (retry_timer_) {
    env_.cancel_timer(*retry_timer_);
    retry_timer_.reset();
  }
  if (phase_timer_) {
    env_.cancel_timer(*phase_timer_);
    phase_timer_.reset();
  }
}

}  // namespace faultline::paxos
