// File: multi_paxos_node.h
// One Multi-Paxos server ("Paxos Made Simple", section 3): acceptor, proposer (when it is the
// candidate leader), learner and replica. Owns the per-node invariants:
//  * acceptor (section 2.2, P1a): it never accepts or promises below its promise; the promise never
//    decreases; both and every accepted proposal are durable before any reply reports them
//    (section 2.3);
//  * proposer (section 2.2, P2c; section 3): it proposes in a ballot only after a majority
//    promised it, and then, per slot, the value of the highest-ballot proposal any promise
//    reported, a no-op for an unreported slot below the highest reported one, and a new client
//    command above them; one value per slot per ballot;
//  * learner: a slot is chosen once a majority accepted it in one ballot (the leader counts,
//    section 2.3's distinguished learner, and sends Chosen to everyone);
//  * replica (section 3): slots execute strictly in order; none before every earlier slot is
//  chosen.
//
// Member functions by concern: multi_paxos_node.cc (lifecycle, dispatch, timers, leader election,
// recovery), multi_paxos_acceptor.cc (phase 1b, 2b), multi_paxos_leader.cc (phase 1a, 2a, counting
// accepts), multi_paxos_replica.cc (learning, execution, clients).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "protocols/common/kv_state_machine.h"
#include "protocols/heartbeat/failure_detector.h"
#include "protocols/paxos/ballot.h"
#include "protocols/paxos/multi_paxos.h"
#include "protocols/paxos/multi_paxos_messages.h"
#include "protocols/paxos/multi_paxos_storage.h"
#include "sim/env/kv_messages.h"

namespace faultline::paxos::multi {

// preparing: the candidate leader runs phase 1 in ballot_; leader: phase 1 succeeded.
enum class Role : uint8_t { follower, preparing, leader };
std::string_view role_name(Role role);

// Timer tags (on_timer's `tag`), public so that a test harness can fire a given timer.
enum class TimerTag : uint64_t { tick = 1 };

class MultiPaxosNode final : public Protocol {
 public:
  // STYLE.md 7: client requests a leader (or a preparing candidate) holds at once.
  static constexpr size_t max_pending_client_requests = 4096;

  MultiPaxosNode(NodeEnv& env, const MultiPaxosConfig& config);

  void on_start() override;
  void on_message(NodeId from, const MessagePtr& message) override;
  void on_timer(TimerId timer, uint64_t tag) override;
  void on_storage_complete(StorageOpId op, StorageStatus status) override;

  // Read-only views for tests and transcripts.
  Role role() const { return role_; }
  Ballot ballot() const { return ballot_; }
  Ballot promised() const { return promised_; }
  NodeId candidate() const { return candidate_; }
  uint64_t first_unchosen() const { return first_unchosen_; }
  uint64_t last_executed() const { return last_executed_; }
  const std::map<uint64_t, AcceptedValue>& accepted() const { return accepted_; }
  const std::map<uint64_t, Command>& chosen() const { return chosen_; }
  const common::KvStateMachine& store() const { return store_; }

 private:
  // Lifecycle, election, plumbing (multi_paxos_node.cc).
  bool refuse_start();
  void tick();
  // Omega: the lowest-numbered server this node does not suspect (itself included), or none
  // when it suspects a majority of the cluster.
  NodeId compute_candidate() const;
  void update_candidate();
  void arm_tick();
  void send_heartbeats();
  size_t quorum() const { return (env_.peers().size() + 1) / 2 + 1; }
  // Delivers `message` to `target`: a local call for this node's own roles, the network otherwise.
  void dispatch(NodeId target, MessagePtr message);
  // Runs `action` once every buffered write is durable (section 2.3: stable storage first).
  void after_sync(std::function<void()> action);
  void observe_ballot(Ballot ballot) { highest_seen_ = std::max(highest_seen_, ballot); }

  // Acceptor (multi_paxos_acceptor.cc).
  void handle_prepare(NodeId from, const Prepare& prepare);
  void handle_accept(NodeId from, const Accept& accept);
  void send_nack(NodeId to, Ballot refused);
  // A higher ballot than ours reached our acceptor: a leader or candidate stops (section 2.4).
  void preempted_by(Ballot ballot);

  // Proposer and distinguished learner (multi_paxos_leader.cc).
  void start_phase1();
  void restart_phase1();
  void handle_promise(NodeId from, const Promise& promise);
  void become_leader();
  void step_down(Ballot ballot);
  void propose(uint64_t slot, Command command, bool fresh);
  void send_accept(NodeId to, uint64_t slot, const Command& command);
  void handle_accepted(NodeId from, const Accepted& accepted);
  void handle_nack(NodeId from, const Nack& nack);
  void retransmit();

  // Learner, replica and clients (multi_paxos_replica.cc).
  void learn(uint64_t slot, const Command& command);
  void handle_chosen(const Chosen& chosen);
  void handle_heartbeat(NodeId from, const Heartbeat& heartbeat);
  void execute_ready();
  void handle_client_request(NodeId from, const KvRequest& request);
  void reply_to_client(NodeId client, uint64_t request_id, std::string value);

  NodeEnv& env_;
  MultiPaxosConfig config_;
  MultiPaxosStorage storage_;
  std::unique_ptr<heartbeat::FailureDetector> detector_;

  // Acceptor's stable state (mirrored in storage_).
  Ballot promised_;
  std::map<uint64_t, AcceptedValue> accepted_;

  // Learner and replica.
  std::map<uint64_t, Command> chosen_;
  uint64_t first_unchosen_ = 1;  // lowest slot not known chosen
  uint64_t last_executed_ = 0;
  common::KvStateMachine store_;

  // Proposer.
  Role role_ = Role::follower;
  NodeId candidate_;
  Ballot ballot_;        // the ballot this node prepares or leads in
  Ballot highest_seen_;  // highest ballot seen in any message
  uint32_t backoff_ticks_ = 0;
  uint64_t prepare_first_slot_ = 1;
  std::map<NodeId, std::vector<AcceptedProposal>> promises_;  // by acceptor, in ballot_
  uint64_t next_slot_ = 1;                                    // leader: the next free slot
  struct Proposal {
    Command command;
    std::set<NodeId> accepted_by;
  };
  std::map<uint64_t, Proposal> proposals_;  // leader: proposed in ballot_, not yet chosen
  // Leader: client requests it proposed and answers when their slot executes.
  std::set<std::pair<NodeId, uint64_t>> waiting_;
  // Preparing candidate: requests held until phase 1 ends.
  std::deque<std::pair<NodeId, KvRequest>> held_requests_;
  TimerId tick_timer_ = 0;
};

}  // namespace faultline::paxos::multi
