// File: proposer.h
// The proposer of single-decree Paxos ("Paxos Made Simple", section 2.2). Owns P2c: the value of
// a ballot's accept requests is the value of the highest-numbered proposal reported by a majority
// of promises, or the proposer's own value if none reports one. Also owns ballot uniqueness
// across restarts: no prepare is sent for a round above the durable round ceiling (section 2.5:
// "a proposer ... must remember ... the highest-numbered proposal it has tried to issue"). The
// ceiling is reserved `round_reserve` rounds ahead and extended in the background once half of
// the reserve is used, so a retry waits for the disk only when it outruns the extension.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "protocols/paxos/ballot.h"
#include "protocols/paxos/single_decree.h"
#include "protocols/paxos/single_decree_messages.h"
#include "sim/env/node_env.h"

namespace faultline::paxos {

// Timer tags of a single-decree Paxos server.
enum class ProposerTimer : uint64_t { start = 1, retry = 2, phase_timeout = 3 };

class Proposer {
 public:
  static constexpr std::string_view round_key = "paxos/proposer_round";
  // Rounds reserved per durable write of the ceiling; a restarted proposer starts above it.
  static constexpr uint64_t round_reserve = 64;

  Proposer(NodeEnv& env, const ProposerConfig& config, size_t acceptor_count)
      : env_(env), config_(config), acceptor_count_(acceptor_count) {}

  // Reads the last round from storage and arms the start timer (at config.propose_at).
  void start();
  void on_timer(TimerId timer, ProposerTimer tag);
  void on_promise(NodeId from, const Promise& promise);
  void on_nack(const Nack& nack);
  // The co-located learner saw `ballot` reach a majority. When it is this proposer's current
  // ballot, its proposal is chosen and it is done. A value chosen at another proposer's ballot
  // does not stop it: its next round adopts that value (P2c) and so ends with it chosen under its
  // own ballot too (a start timer still armed fires as well: P-01's late proposer).
  void on_chosen(Ballot ballot);
  // Sends the prepares that waited for sync `op`; false if `op` is not the proposer's.
  bool on_sync_complete(StorageOpId op);

  enum class Phase { idle, persisting, preparing, accepting, waiting, done };
  Phase phase() const { return phase_; }
  Ballot ballot() const { return ballot_; }

 private:
  void begin_round();
  // Sends the prepares of ballot_ if its round is within the durable ceiling (extending the
  // ceiling in the background when half the reserve is used), else waits for an extension.
  void prepare_when_durable();
  void extend_ceiling(uint64_t ceiling);
  void send_prepares();
  void send_accepts();
  // Abandons the current ballot and arms the retry timer (fixed delay plus optional backoff).
  void abandon(std::string_view reason);
  void cancel_timers();

  NodeEnv& env_;
  ProposerConfig config_;
  size_t acceptor_count_;
  Phase phase_ = Phase::idle;
  Ballot ballot_;        // the current (or last) ballot of this proposer
  Ballot highest_seen_;  // the highest ballot any acceptor reported
  uint32_t rounds_ = 0;
  uint64_t round_ceiling_ = 0;    // durable: rounds up to it may be used
  uint64_t pending_ceiling_ = 0;  // being made durable by round_sync_
  std::optional<StorageOpId> round_sync_;
  // Promises for ballot_: acceptor -> its highest accepted proposal.
  struct Reported {
    Ballot ballot;
    std::string value;
  };
  std::map<NodeId, Reported> promises_;
  std::optional<TimerId> start_timer_;
  std::optional<TimerId> retry_timer_;
  std::optional<TimerId> phase_timer_;
};

}  // namespace faultline::paxos
