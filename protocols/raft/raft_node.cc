// File: raft_node.cc
// RaftNode lifecycle, message dispatch, role transitions and timers (sections 5.1, 5.2; thesis
// 6.2 check quorum).
#include "protocols/raft/raft_node.h"

#include <string>

#include "sim/base/check.h"

namespace faultline::raft {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::follower:
      return "follower";
    case Role::pre_candidate:
      return "pre_candidate";
    case Role::candidate:
      return "candidate";
    case Role::leader:
      return "leader";
  }
  return "?";
}

RaftNode::RaftNode(NodeEnv& env, const RaftConfig& config)
    : env_(env), config_(config), storage_(env.storage()) {}

// Figure 2: currentTerm, votedFor and log[] come back from stable storage; commitIndex and
// lastApplied restart at 0 and the state machine is rebuilt by re-applying (section 5.3 end).
// A rejoining member whose disk lost that state does not start at all (raft_recovery.cc); a
// bootstrapping one first makes its member marker durable (RaftStorage::save_member_marker).
void RaftNode::on_start() {
  if (refuse_start_with_lost_state()) {
    return;
  }
  if (env_.boot_mode() == BootMode::bootstrap) {
    storage_.save_member_marker(env_.self());
  }
  RecoveredState recovered = storage_.load();
  if (recovered.discarded_from != 0) {
    storage_.erase_log_from(recovered.discarded_from);
  }
  current_term_ = recovered.current_term;
  voted_for_ = recovered.voted_for;
  env_.trace(TraceEvent{"raft",
                        "recover",
                        {{"term", static_cast<int64_t>(current_term_)},
                         {"log_length", static_cast<int64_t>(recovered.entries.size())}}});
  for (LogEntry& entry : recovered.entries) {
    log_.append(std::move(entry));
    trace_log_append(log_.last_index());
  }
  // Section 5.2: "When servers start up, they begin as followers."
  role_ = Role::follower;
  env_.trace(
      TraceEvent{"raft", "become_follower", {{"term", static_cast<int64_t>(current_term_)}}});
  reset_election_timer();
}

void RaftNode::on_message(NodeId from, const MessagePtr& message) {
  FL_CHECK(message != nullptr, "null message from {}", from.name());
  switch (message->kind()) {
    case static_cast<uint32_t>(RaftMessageKind::request_vote):
      handle_request_vote(from, static_cast<const RequestVote&>(*message));
      return;
    case static_cast<uint32_t>(RaftMessageKind::request_vote_response):
      handle_request_vote_response(from, static_cast<const RequestVoteResponse&>(*message));
      return;
    case static_cast<uint32_t>(RaftMessageKind::pre_vote):
      handle_pre_vote(from, static_cast<const PreVote&>(*message));
      return;
    case static_cast<uint32_t>(RaftMessageKind::pre_vote_response):
      handle_pre_vote_response(from, static_cast<const PreVoteResponse&>(*message));
      return;
    case static_cast<uint32_t>(RaftMessageKind::append_entries):
      handle_append_entries(from, static_cast<const AppendEntries&>(*message));
      return;
    case static_cast<uint32_t>(RaftMessageKind::append_entries_response):
      handle_append_entries_response(from, static_cast<const AppendEntriesResponse&>(*message));
      return;
    case static_cast<uint32_t>(KvMessageKind::request):
      handle_client_request(from, static_cast<const KvRequest&>(*message));
      return;
    default:
      // A KvReply or a foreign message: not for a server; ignore it.
      return;
  }
}

void RaftNode::on_timer(TimerId timer, uint64_t tag) {
  if (tag == static_cast<uint64_t>(TimerTag::election)) {
    if (!election_timer_armed_ || timer != election_timer_) {
      return;  // stale: reset or cancelled after it was scheduled
    }
    election_timer_armed_ = false;
    if (role_ == Role::leader) {
      check_quorum();
      return;
    }
    // Section 5.2: no word from a leader (or no decision) within the timeout: start an election,
    // first asking whether it could be won (thesis 9.6).
    if (config_.pre_vote) {
      become_pre_candidate();
    } else {
      become_candidate();
    }
    return;
  }
  if (tag == static_cast<uint64_t>(TimerTag::heartbeat)) {
    if (!heartbeat_timer_armed_ || timer != heartbeat_timer_) {
      return;
    }
    heartbeat_timer_armed_ = false;
    FL_CHECK(role_ == Role::leader, "heartbeat timer fired on a {}", role_name(role_));
    // Section 5.2: leaders send periodic AppendEntries to maintain their authority; probing
    // followers get their pending entries again (a lost message is retried here).
    broadcast_append(/*include_probing=*/true);
    arm_heartbeat_timer();
    return;
  }
  FL_CHECK(false, "unknown timer tag {}", tag);
}

void RaftNode::on_storage_complete(StorageOpId op, StorageStatus status) {
  if (status == StorageStatus::no_space) {
    // Fail-stop, as etcd and PostgreSQL do after an fsync error: the writes this sync covered
    // are not durable and a retry cannot be trusted to say so, so nothing held behind it may be
    // answered, and carrying on would answer later syncs over a hole. A restart recovers from
    // what is durable.
    env_.halt("no_space");
    return;
  }
  for (std::function<void()>& action : storage_.sync_gate().on_sync_complete(op)) {
    action();
  }
}

void RaftNode::observe_term(uint64_t term, NodeId leader) {
  if (term > current_term_) {
    become_follower(term, leader);
  }
}

// Section 5.1: a higher term makes any server a follower; votedFor is cleared only because the
// term increases. Also used when a candidate or leader steps down in its own term.
void RaftNode::become_follower(uint64_t term, NodeId leader) {
  FL_CHECK(term >= current_term_, "currentTerm would decrease: {} -> {}", current_term_, term);
  bool changed = term > current_term_ || role_ != Role::follower;
  if (term > current_term_) {
    current_term_ = term;
    voted_for_ = NodeId::none();
    storage_.save_hard_state(current_term_, voted_for_);
  }
  if (role_ == Role::leader) {
    pending_clients_.clear();  // section 8: unanswered; the clients retry elsewhere
    progress_.clear();
  }
  role_ = Role::follower;
  leader_id_ = leader;
  votes_.clear();
  if (changed) {
    env_.trace(
        TraceEvent{"raft", "become_follower", {{"term", static_cast<int64_t>(current_term_)}}});
    reset_election_timer();
  }
}

// Thesis 9.6: "a candidate would first ask other servers whether its log was up-to-date enough to
// get their vote"; currentTerm and votedFor stay as they are and nothing is persisted. Like
// etcd-io/raft, the pre-candidate forgets its leader (it has given up on it).
void RaftNode::become_pre_candidate() {
  FL_CHECK(role_ != Role::leader, "a leader cannot start a pre-vote");
  role_ = Role::pre_candidate;
  leader_id_ = NodeId::none();
  votes_.clear();
  env_.trace(TraceEvent{"raft", "pre_vote", {{"term", static_cast<int64_t>(current_term_ + 1)}}});
  reset_election_timer();
  for (NodeId peer : env_.peers()) {
    auto request = std::make_shared<PreVote>();
    request->term = current_term_ + 1;
    request->last_log_index = log_.last_index();
    request->last_log_term = log_.last_term();
    env_.send(peer, std::move(request));
  }
  record_pre_vote(env_.self(), true);  // nothing to make durable
}

// Section 5.2: increment currentTerm, vote for self, reset the election timer, send RequestVote
// to all other servers. The own vote counts only once term and vote are durable.
void RaftNode::become_candidate() {
  FL_CHECK(role_ != Role::leader, "a leader cannot start an election");
  role_ = Role::candidate;
  current_term_ += 1;
  voted_for_ = env_.self();
  leader_id_ = NodeId::none();
  votes_.clear();
  storage_.save_hard_state(current_term_, voted_for_);
  env_.trace(
      TraceEvent{"raft", "become_candidate", {{"term", static_cast<int64_t>(current_term_)}}});
  reset_election_timer();
  for (NodeId peer : env_.peers()) {
    auto request = std::make_shared<RequestVote>();
    request->term = current_term_;
    request->last_log_index = log_.last_index();
    request->last_log_term = log_.last_term();
    env_.send(peer, std::move(request));
  }
  uint64_t term = current_term_;
  after_sync([this, term] { record_vote(env_.self(), term, true); });
}

// Section 5.2 (winning) and section 8 (a blank no-op entry at the start of the term).
void RaftNode::become_leader() {
  FL_CHECK(role_ == Role::candidate, "only a candidate becomes leader, not a {}", role_name(role_));
  FL_CHECK(voted_for_ == env_.self(), "a leader voted for {} in its own term", voted_for_.name());
  role_ = Role::leader;
  leader_id_ = env_.self();
  votes_.clear();
  env_.trace(TraceEvent{"raft", "become_leader", {{"term", static_cast<int64_t>(current_term_)}}});
  if (election_timer_armed_) {
    env_.cancel_timer(election_timer_);
    election_timer_armed_ = false;
  }
  progress_.clear();
  for (NodeId peer : env_.peers()) {
    progress_[peer] = Progress{log_.last_index() + 1, 0, true, 0, false};
  }
  self_synced_index_ = 0;
  ack_counts_.clear();
  pending_clients_.clear();
  append_as_leader(LogEntry::noop(current_term_));
  broadcast_append(/*include_probing=*/true);
  arm_heartbeat_timer();
  if (config_.check_quorum) {
    arm_check_quorum_timer();
  }
}

// Thesis 6.2: "a leader steps down if an election timeout elapses without a successful round of
// heartbeats to a majority of its cluster". It stays in its term, so it keeps votedFor (itself):
// forgetting it would allow a second vote in the term (B07, hazelcast#16643).
void RaftNode::check_quorum() {
  FL_CHECK(role_ == Role::leader && config_.check_quorum, "check_quorum on a {}", role_name(role_));
  size_t active = 1;  // the leader itself
  for (auto& [peer, progress] : progress_) {
    active += progress.recent_active ? 1 : 0;
    progress.recent_active = false;
  }
  if (active >= quorum()) {
    arm_check_quorum_timer();
    return;
  }
  env_.trace(TraceEvent{"raft",
                        "step_down",
                        {{"reason", "check_quorum"},
                         {"term", static_cast<int64_t>(current_term_)},
                         {"active", static_cast<int64_t>(active)}}});
  become_follower(current_term_, NodeId::none());
  FL_CHECK(voted_for_ == env_.self(), "a leader stepping down lost its vote");
}

bool RaftNode::in_leader_lease() const {
  if (!config_.check_quorum) {
    return false;
  }
  if (role_ == Role::leader) {
    return true;
  }
  return !leader_id_.is_none() && env_.now() - last_leader_contact_ < config_.election_timeout_min;
}

void RaftNode::reset_election_timer() {
  if (election_timer_armed_) {
    env_.cancel_timer(election_timer_);
  }
  if (heartbeat_timer_armed_ && role_ != Role::leader) {
    env_.cancel_timer(heartbeat_timer_);
    heartbeat_timer_armed_ = false;
  }
  // Section 5.2: randomized election timeouts make split votes rare.
  Duration timeout =
      env_.rng().uniform_duration(config_.election_timeout_min, config_.election_timeout_max);
  election_timer_ = env_.set_timer(timeout, static_cast<uint64_t>(TimerTag::election));
  election_timer_armed_ = true;
}

// A leader's election timer: the check-quorum period, the longest election timeout (a follower
// that stops hearing from it campaigns within that time).
void RaftNode::arm_check_quorum_timer() {
  FL_CHECK(role_ == Role::leader && !election_timer_armed_, "check-quorum timer misuse");
  election_timer_ =
      env_.set_timer(config_.election_timeout_max, static_cast<uint64_t>(TimerTag::election));
  election_timer_armed_ = true;
}

void RaftNode::arm_heartbeat_timer() {
  FL_CHECK(!heartbeat_timer_armed_, "heartbeat timer armed twice");
  heartbeat_timer_ =
      env_.set_timer(config_.heartbeat_interval, static_cast<uint64_t>(TimerTag::heartbeat));
  heartbeat_timer_armed_ = true;
}

void RaftNode::after_sync(std::function<void()> action) {
  if (!storage_.sync_gate().after_sync(std::move(action))) {
    env_.trace(TraceEvent{"raft",
                          "shed",
                          {{"reason", "held_answers_full"},
                           {"held", static_cast<int64_t>(common::SyncGate::max_held_actions)}}});
  }
}

void RaftNode::send_after_sync(NodeId target, MessagePtr message) {
  if (config_.bug == RaftConfig::Bug::ack_before_sync) {
    // B23 (etcd-io/etcd#14140, cornerstone#65): the answer leaves before the entries or the vote
    // it reports are durable; a crash can lose what was acknowledged. The sync still starts.
    storage_.sync_gate().sync_if_dirty();
    env_.send(target, std::move(message));
    return;
  }
  after_sync([this, target, message = std::move(message)] { env_.send(target, message); });
}

void RaftNode::trace_log_append(uint64_t index) {
  const LogEntry& entry = log_.at(index);
  env_.trace(TraceEvent{"raft",
                        "log_append",
                        {{"index", static_cast<int64_t>(index)},
                         {"term", static_cast<int64_t>(entry.term)},
                         {"digest", entry_digest(entry)}}});
}

}  // namespace faultline::raft
