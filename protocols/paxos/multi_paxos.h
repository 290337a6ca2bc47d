// File: multi_paxos.h
// The public entry point of Multi-Paxos (Lamport, "Paxos Made Simple", 2001, section 3): its
// configuration and the factory the cluster calls on every start and restart. Every server is
// proposer, acceptor, learner and replica of a key-value state machine; the distinguished
// proposer (leader) is the lowest-numbered server the node's failure detector does not suspect
// (the Omega detector of Chandra, Hadzilacos and Toueg 1996), provided it trusts a majority
// (itself included); otherwise it trusts no leader. See multi_paxos_node.h.
#pragma once

#include <cstdint>
#include <memory>

#include "protocols/heartbeat/failure_detector.h"
#include "sim/env/node_env.h"
#include "sim/env/protocol.h"

namespace faultline::paxos {

struct MultiPaxosConfig {
  // Every server sends a heartbeat to every peer each detector.interval (ns); any message from a
  // peer counts as one. The detector decides whom to suspect (fixed timeout or phi accrual).
  heartbeat::DetectorConfig detector;
  // STYLE.md 7: at most this many slots are re-sent per heartbeat interval (accepts a leader
  // retransmits, chosen values it sends a lagging peer), >= 1.
  uint32_t max_slots_per_round = 64;
  // Negative-test variant (STYLE.md 10): ignore_promise_reports breaks P2c (section 2.2) across
  // slots (section 3): a new leader ignores the proposals its promises report, fills no gap and
  // proposes new commands from its first unchosen slot, so it can choose a second value in a slot
  // an earlier leader already chose (paxos.agreement, paxos.state_machine_safety catch it).
  enum class Bug { none, ignore_promise_reports } bug = Bug::none;
};

// Builds a Multi-Paxos server on `env`. on_start() recovers the promise, the accepted proposals
// and the chosen slots from env.storage(). `env` must outlive the result.
std::unique_ptr<Protocol> make_multi_paxos(NodeEnv& env, const MultiPaxosConfig& config);

}  // namespace faultline::paxos
