// File: multi_paxos_node.cc
// Lifecycle, message dispatch, the heartbeat timer and leader election of a Multi-Paxos server.
// Owns the rule that a server leads only while it is the candidate leader: the lowest-numbered
// server its failure detector does not suspect ("Paxos Made Simple" section 3 leaves the choice
// of the distinguished proposer to "randomness or real time, for example, using timeouts"; this
// is the Omega detector of Chandra, Hadzilacos and Toueg 1996). Safety never depends on it: two
// servers that both believe they lead only preempt each other's ballots.
#include "protocols/paxos/multi_paxos_node.h"

#include <algorithm>

#include "protocols/common/lost_state.h"
#include "sim/base/check.h"

namespace faultline::paxos {

std::unique_ptr<Protocol> make_multi_paxos(NodeEnv& env, const MultiPaxosConfig& config) {
  return std::make_unique<multi::MultiPaxosNode>(env, config);
}

}  // namespace faultline::paxos

namespace faultline::paxos::multi {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::follower:
      return "follower";
    case Role::preparing:
      return "preparing";
    case Role::leader:
      return "leader";
  }
  return "?";
}

MultiPaxosNode::MultiPaxosNode(NodeEnv& env, const MultiPaxosConfig& config)
    : env_(env), config_(config), storage_(env.storage()) {
  FL_CHECK(config_.max_slots_per_round >= 1, "max_slots_per_round must be >= 1");
}

// Section 2.3: "an acceptor must remember this information even if it fails and then restarts".
// A rejoining server whose disk lost its promises (no member marker: wiped) or holds a damaged
// record refuses to run: it could promise or accept below what it promised before (the
// acceptor bugs B19 and B21 of shared/cases/protocol-bugs.md).
bool MultiPaxosNode::refuse_start() {
  std::string_view reason = common::lost_state_reason(env_, storage_.has_member_marker());
  if (reason.empty()) {
    return false;
  }
  env_.trace(TraceEvent{"paxos", "refuse_start", {{"reason", reason}}});
  env_.halt(reason);
  return true;
}

// Recovers the acceptor's promise and accepted proposals and the learned slots; the replica
// re-executes the chosen prefix from slot 1 (its state machine is volatile).
void MultiPaxosNode::on_start() {
  if (refuse_start()) {
    return;
  }
  if (env_.boot_mode() == BootMode::bootstrap) {
    storage_.save_member_marker(env_.self());
  }
  RecoveredState recovered = storage_.load();
  if (recovered.damaged) {
    env_.trace(TraceEvent{"paxos", "refuse_start", {{"reason", "malformed"}}});
    env_.halt("malformed");
    return;
  }
  promised_ = recovered.promised;
  accepted_ = std::move(recovered.accepted);
  chosen_ = std::move(recovered.chosen);
  highest_seen_ = promised_;
  while (chosen_.count(first_unchosen_) != 0) {
    ++first_unchosen_;
  }
  env_.trace(TraceEvent{"paxos",
                        "recover",
                        {{"promised", static_cast<int64_t>(promised_.encode())},
                         {"accepted", static_cast<int64_t>(accepted_.size())},
                         {"chosen", static_cast<int64_t>(chosen_.size())}}});
  execute_ready();
  detector_ = heartbeat::make_failure_detector(config_.detector, env_.peers(), env_.now());
  tick();
}

void MultiPaxosNode::on_message(NodeId from, const MessagePtr& message) {
  FL_CHECK(message != nullptr, "null message from {}", from.name());
  if (from.is_server() && from != env_.self()) {
    detector_->heartbeat(from, env_.now());  // any message from a peer is a heartbeat
  }
  switch (message->kind()) {
    case static_cast<uint32_t>(MessageKind::prepare):
      handle_prepare(from, static_cast<const Prepare&>(*message));
      return;
    case static_cast<uint32_t>(MessageKind::promise):
      handle_promise(from, static_cast<const Promise&>(*message));
      return;
    case static_cast<uint32_t>(MessageKind::accept):
      handle_accept(from, static_cast<const Accept&>(*message));
      return;
    case static_cast<uint32_t>(MessageKind::accepted):
      handle_accepted(from, static_cast<const Accepted&>(*message));
      return;
    case static_cast<uint32_t>(MessageKind::nack):
      handle_nack(from, static_cast<const Nack&>(*message));
      return;
    case static_cast<uint32_t>(MessageKind::chosen):
      handle_chosen(static_cast<const Chosen&>(*message));
      return;
    case static_cast<uint32_t>(MessageKind::heartbeat):
      handle_heartbeat(from, static_cast<const Heartbeat&>(*message));
      return;
    case static_cast<uint32_t>(KvMessageKind::request):
      handle_client_request(from, static_cast<const KvRequest&>(*message));
      return;
    default:
      return;  // a KvReply or a foreign message: not for a server
  }
}

void MultiPaxosNode::on_timer(TimerId timer, uint64_t tag) {
  FL_CHECK(tag == static_cast<uint64_t>(TimerTag::tick), "unknown timer tag {}", tag);
  if (timer != tick_timer_) {
    return;  // stale
  }
  tick();
}

void MultiPaxosNode::on_storage_complete(StorageOpId op, StorageStatus status) {
  if (status == StorageStatus::no_space) {
    // Fail-stop, as Raft does (raft_node.cc): nothing held behind a failed sync may be answered.
    env_.halt("no_space");
    return;
  }
  for (std::function<void()>& action : storage_.sync_gate().on_sync_complete(op)) {
    action();
  }
}

// Every interval: heartbeats out, then the candidate leader acts. A candidate that does not lead
// starts phase 1 (after any back-off from a preemption); one that prepares or leads re-sends what
// is unanswered (lost messages); a leader or preparer that is no longer the candidate (another
// server is, or it hears from no majority) stops.
void MultiPaxosNode::tick() {
  send_heartbeats();
  update_candidate();
  if (candidate_ != env_.self()) {
    if (role_ != Role::follower) {
      step_down(std::max(ballot_, highest_seen_));
    }
  } else if (role_ == Role::follower) {
    if (backoff_ticks_ > 0) {
      --backoff_ticks_;
    } else {
      start_phase1();
    }
  } else {
    retransmit();
  }
  arm_tick();
}

NodeId MultiPaxosNode::compute_candidate() const {
  Time now = env_.now();
  NodeId lowest = env_.self();
  size_t trusted = 1;                 // itself
  for (NodeId peer : env_.peers()) {  // increasing id order
    if (!detector_->suspects(peer, now)) {
      ++trusted;
      lowest = std::min(lowest, peer);
    }
  }
  // A server that hears from no majority (itself included) trusts no leader: a leader cut off in
  // a minority stops serving clients, like Raft's CheckQuorum (thesis 6.2), so that they turn to
  // the majority side. Liveness only: safety never depends on who believes it leads.
  return trusted >= quorum() ? lowest : NodeId::none();
}

void MultiPaxosNode::update_candidate() {
  NodeId candidate = compute_candidate();
  if (candidate != candidate_) {
    candidate_ = candidate;
    env_.trace(TraceEvent{"paxos", "candidate", {{"leader", candidate_.name()}}});
  }
}

void MultiPaxosNode::arm_tick() {
  tick_timer_ = env_.set_timer(config_.detector.interval, static_cast<uint64_t>(TimerTag::tick));
}

void MultiPaxosNode::send_heartbeats() {
  for (NodeId peer : env_.peers()) {
    auto heartbeat = std::make_shared<Heartbeat>();
    heartbeat->ballot = role_ == Role::leader ? ballot_ : Ballot::none();
    heartbeat->first_unchosen = first_unchosen_;
    env_.send(peer, std::move(heartbeat));
  }
}

void MultiPaxosNode::dispatch(NodeId target, MessagePtr message) {
  if (target == env_.self()) {
    on_message(target, message);
    return;
  }
  env_.send(target, std::move(message));
}

void MultiPaxosNode::after_sync(std::function<void()> action) {
  if (!storage_.sync_gate().after_sync(std::move(action))) {
    env_.trace(TraceEvent{"paxos", "shed", {{"reason", "sync_queue_full"}}});
  }
}

}  // namespace faultline::paxos::multi
