// File: raft_node.h
// One Raft server (Ongaro and Ousterhout 2014, section 5; clients as in section 8): follower,
// candidate and leader behaviour driven by messages, timers and storage completions. Owns the
// per-node safety invariants: currentTerm never decreases, at most one vote per term (votedFor
// cleared only when the term increases), a leader never rewrites its log in its term, commitIndex
// never decreases and only covers entries present in the log, entries apply once and in order.
// With the thesis extensions (Ongaro 2014): a pre-vote changes no state (9.6); a leader that lost
// its majority steps down in its term keeping its vote (6.2); a server in a leader's lease ignores
// higher-term (pre)vote requests (4.2.3).
//
// The member functions live in several files by concern: raft_node.cc (lifecycle, dispatch,
// roles, timers), raft_recovery.cc (boot checks of the durable state), raft_election.cc (5.2,
// 5.4.1, thesis 9.6 and 4.2.3), raft_replication.cc (5.3, 5.4.2), raft_client.cc (section 8).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>

#include "protocols/common/kv_state_machine.h"
#include "protocols/raft/progress.h"
#include "protocols/raft/raft.h"
#include "protocols/raft/raft_log.h"
#include "protocols/raft/raft_messages.h"
#include "protocols/raft/raft_storage.h"
#include "sim/env/kv_messages.h"

namespace faultline::raft {

// pre_candidate: running a PreVote round (thesis 9.6) in its unchanged currentTerm.
enum class Role : uint8_t { follower, pre_candidate, candidate, leader };
std::string_view role_name(Role role);

// Timer tags (on_timer's `tag`), public so that a test harness can fire a given timer. A leader's
// election timer is its check-quorum period (thesis 6.2), as in etcd-io/raft.
enum class TimerTag : uint64_t { election = 1, heartbeat = 2 };

class RaftNode final : public Protocol {
 public:
  // STYLE.md 7: client requests a leader waits on at once; beyond this it drops new ones (the
  // client times out and retries).
  static constexpr size_t max_pending_client_requests = 4096;

  RaftNode(NodeEnv& env, const RaftConfig& config);

  void on_start() override;
  void on_message(NodeId from, const MessagePtr& message) override;
  void on_timer(TimerId timer, uint64_t tag) override;
  void on_storage_complete(StorageOpId op, StorageStatus status) override;

  // Read-only views for tests and transcripts.
  Role role() const { return role_; }
  uint64_t current_term() const { return current_term_; }
  NodeId voted_for() const { return voted_for_; }
  NodeId leader_id() const { return leader_id_; }
  uint64_t commit_index() const { return commit_index_; }
  uint64_t last_applied() const { return last_applied_; }
  const RaftLog& log() const { return log_; }
  const common::KvStateMachine& state_machine() const { return state_machine_; }

 private:
  // Boot (raft_recovery.cc). Refuses to run as a member whose persistent state (Figure 2) is
  // gone or damaged: traces raft.refuse_start and halts. Returns whether it refused.
  bool refuse_start_with_lost_state();

  // Roles and terms (raft_node.cc).
  void become_follower(uint64_t term, NodeId leader);
  // Thesis 9.6: asks the peers whether they would vote at currentTerm + 1, changing nothing.
  void become_pre_candidate();
  void become_candidate();
  void become_leader();
  // Thesis 6.2: a leader that heard from no majority during the last period steps down.
  void check_quorum();
  // Thesis 4.2.3: this server heard from a current leader (or is one) within the minimum
  // election timeout, so a higher-term (pre)vote request is ignored. Only with check_quorum.
  bool in_leader_lease() const;
  // Section 5.1: adopts a higher term seen in any message (becoming follower).
  void observe_term(uint64_t term, NodeId leader);
  void reset_election_timer();
  void arm_check_quorum_timer();
  void arm_heartbeat_timer();
  size_t quorum() const { return (env_.peers().size() + 1) / 2 + 1; }
  // Sends an answer once the state it reports is durable (Figure 2: persist before responding).
  void send_after_sync(NodeId target, MessagePtr message);
  // Runs `action` once every buffered write is durable (RaftStorage::after_sync); when too many
  // actions already wait, drops it and traces raft.shed.
  void after_sync(std::function<void()> action);
  void trace_log_append(uint64_t index);

  // Election (raft_election.cc).
  void handle_request_vote(NodeId from, const RequestVote& request);
  void handle_request_vote_response(NodeId from, const RequestVoteResponse& response);
  void record_vote(NodeId voter, uint64_t term, bool granted);
  void handle_pre_vote(NodeId from, const PreVote& request);
  void handle_pre_vote_response(NodeId from, const PreVoteResponse& response);
  void record_pre_vote(NodeId voter, bool granted);
  // Adds `voter`'s answer to votes_ (the first answer counts) and counts grants and refusals.
  std::pair<size_t, size_t> tally_vote(NodeId voter, bool granted);

  // Replication (raft_replication.cc).
  void handle_append_entries(NodeId from, const AppendEntries& request);
  void handle_append_entries_response(NodeId from, const AppendEntriesResponse& response);
  void reject_append(NodeId leader, uint64_t rejected_index, uint64_t hint_index);
  // Follower side of section 5.3: stores entries after prev, truncating only on a conflict.
  void accept_entries(const AppendEntries& request);
  uint64_t append_as_leader(LogEntry entry);
  void record_self_ack(uint64_t term, uint64_t index);
  void send_append(NodeId peer);
  void broadcast_append(bool include_probing);
  void maybe_advance_commit();
  // Bug::count_duplicate_acks: the highest index with a quorum of acks counted per response.
  uint64_t index_acked_by_count() const;
  void advance_commit(uint64_t index);
  void apply_committed();

  // Clients (raft_client.cc).
  void handle_client_request(NodeId from, const KvRequest& request);
  void reply_to_client(NodeId client, uint64_t request_id, std::string value);
  void on_applied(uint64_t index, const LogEntry& entry);

  NodeEnv& env_;
  RaftConfig config_;
  RaftStorage storage_;

  // Persistent state on all servers (Figure 2), mirrored in storage_.
  uint64_t current_term_ = 0;
  NodeId voted_for_;
  RaftLog log_;

  // Volatile state on all servers.
  Role role_ = Role::follower;
  NodeId leader_id_;
  uint64_t commit_index_ = 0;
  uint64_t last_applied_ = 0;
  common::KvStateMachine state_machine_;
  TimerId election_timer_ = 0;
  TimerId heartbeat_timer_ = 0;
  bool election_timer_armed_ = false;
  bool heartbeat_timer_armed_ = false;
  // Local time of the last AppendEntries accepted from leader_id_ (thesis 4.2.3 lease).
  Time last_leader_contact_;

  // Candidates: votes received in current_term_ (sorted by voter; granted or not).
  std::map<NodeId, bool> votes_;

  // Leaders (reinitialized after election).
  std::map<NodeId, Progress> progress_;
  uint64_t self_synced_index_ = 0;  // highest own index durable in this term (self-ack)
  // Bug::count_duplicate_acks only: successful responses received per match index (above the
  // commit index), however many came from the same follower.
  std::map<uint64_t, size_t> ack_counts_;
  // Client requests this leader appended: log index -> (client, request_id).
  std::map<uint64_t, std::pair<NodeId, uint64_t>> pending_clients_;
};

}  // namespace faultline::raft
