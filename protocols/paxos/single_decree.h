// File: single_decree.h
// The public entry point of single-decree Paxos (Lamport, "Paxos Made Simple", 2001, section 2):
// its configuration, the negative-test variants, and the factory the cluster calls on every start
// and restart. Every server is an acceptor and a learner; those listed as proposers also propose.
// Owns no invariant itself; see acceptor.h, proposer.h, learner.h.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sim/base/time.h"
#include "sim/env/node_env.h"
#include "sim/env/protocol.h"

namespace faultline::paxos {

// Negative-test variants of the acceptor (STYLE.md 10; shared/cases).
//  * accept_without_promise_check (protocol-bugs.md B19, scylladb#6139): accept(n) succeeds if n
//    equals the promised ballot OR n's round (the "timestamp") is greater than the promised
//    one's; the accepted ballot is not compared, and accepting does not raise the promise.
//  * no_promise_on_accept (B21, Brooker 2021): accept(n) checks n >= promised but leaves
//    promised unchanged.
//  * forget_promise_on_restart (reference-scenarios P-01, stable storage): the promised ballot is
//    kept in memory only; after a restart it is recovered as the accepted ballot (or none).
enum class AcceptorBug {
  none,
  accept_without_promise_check,
  no_promise_on_accept,
  forget_promise_on_restart
};

std::string_view acceptor_bug_name(AcceptorBug bug);
std::optional<AcceptorBug> acceptor_bug_from_name(std::string_view name);

// How a proposer waits before retrying with a higher ballot (section 2.4: two proposers can
// preempt each other forever; the paper's remedy is a leader, a randomized pause is the usual
// engineering one).
enum class Backoff { none, random };

struct ProposerConfig {
  bool proposes = false;
  // The value this proposer introduces when no acceptor reports an accepted one.
  std::string value;
  // Local time at which the first prepare is sent (zero: at start).
  Duration propose_at{};
  // A round that has neither learned a value nor been rejected is abandoned after this long.
  Duration phase_timeout{Duration::milliseconds(100)};
  // Fixed pause before a retry, plus with Backoff::random a uniform draw in [0, backoff_max].
  Duration retry_delay{};
  Backoff backoff = Backoff::none;
  Duration backoff_max{Duration::milliseconds(10)};
  // STYLE.md 7: a proposer gives up after this many rounds (traced paxos.give_up).
  uint32_t max_rounds = 10'000;
};

struct SingleDecreeConfig {
  ProposerConfig proposer;
  AcceptorBug bug = AcceptorBug::none;
};

// Builds a single-decree Paxos server on `env` (`env` must outlive it). on_start() recovers the
// acceptor's promised and accepted (ballot, value) and the proposer's last round from storage.
std::unique_ptr<Protocol> make_single_decree_paxos(NodeEnv& env, const SingleDecreeConfig& config);

}  // namespace faultline::paxos
