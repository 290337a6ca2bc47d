// File: raft_election.cc
// Leader election: RequestVote handling (sections 5.1, 5.2, 5.4.1), the PreVote round (thesis
// 9.6) and the leader lease against disruptive servers (thesis 4.2.3). Owns "at most one vote per
// term": a vote is granted only if votedFor is none or the same candidate, and the answer leaves
// only after currentTerm and votedFor are durable; and "a pre-vote changes no state".
#include <memory>

#include "protocols/raft/raft_node.h"
#include "sim/base/check.h"

namespace faultline::raft {

// Figure 2, RequestVote receiver: 1. reply false if term < currentTerm (5.1); 2. grant if
// votedFor is null or candidateId, and the candidate's log is at least as up-to-date (5.2, 5.4.1).
void RaftNode::handle_request_vote(NodeId from, const RequestVote& request) {
  if (request.term > current_term_ && in_leader_lease()) {
    // Thesis 4.2.3: within the minimum election timeout of hearing from a current leader, a
    // server "does not update its term or grant its vote". No answer (as etcd-io/raft).
    return;
  }
  observe_term(request.term, NodeId::none());
  auto response = std::make_shared<RequestVoteResponse>();
  if (request.term < current_term_) {
    response->term = current_term_;
    response->vote_granted = false;
    send_after_sync(from, std::move(response));
    return;
  }
  FL_CHECK_EQ(request.term, current_term_);
  bool can_vote = voted_for_.is_none() || voted_for_ == from;
  bool up_to_date = log_.is_up_to_date(request.last_log_index, request.last_log_term);
  bool granted = can_vote && up_to_date;
  if (granted && role_ == Role::pre_candidate) {
    become_follower(current_term_, NodeId::none());  // helps another candidate instead
  }
  if (granted && voted_for_.is_none()) {
    FL_CHECK(role_ == Role::follower, "a {} votes for {} in its own term", role_name(role_),
             from.name());
    voted_for_ = from;
    storage_.save_hard_state(current_term_, voted_for_);
  }
  if (granted) {
    // Section 5.2: granting a vote counts as hearing from a would-be leader.
    reset_election_timer();
    env_.trace(TraceEvent{"raft",
                          "vote",
                          {{"granted_to", std::string_view(from.name())},
                           {"term", static_cast<int64_t>(current_term_)}}});
  }
  response->term = current_term_;
  response->vote_granted = granted;
  send_after_sync(from, std::move(response));
}

void RaftNode::handle_request_vote_response(NodeId from, const RequestVoteResponse& response) {
  observe_term(response.term, NodeId::none());
  if (response.term < current_term_) {
    return;  // section 5.1: stale; ignore
  }
  record_vote(from, response.term, response.vote_granted);
}

// Section 5.2: a candidate wins with votes from a majority of the full cluster in the same term.
// Like etcd-io/raft, a majority of refusals sends it back to follower (it cannot win this term).
void RaftNode::record_vote(NodeId voter, uint64_t term, bool granted) {
  if (role_ != Role::candidate || term != current_term_) {
    return;
  }
  auto [granted_count, refused_count] = tally_vote(voter, granted);
  if (granted_count >= quorum()) {
    become_leader();
  } else if (refused_count >= quorum()) {
    become_follower(current_term_, NodeId::none());
  }
}

std::pair<size_t, size_t> RaftNode::tally_vote(NodeId voter, bool granted) {
  auto [it, inserted] = votes_.try_emplace(voter, granted);
  // A duplicate delivery changes nothing: the first answer counts.
  FL_CHECK(inserted || it->second == granted || voter != env_.self(), "own vote changed");
  size_t granted_count = 0;
  size_t refused_count = 0;
  for (const auto& [node, vote] : votes_) {
    (vote ? granted_count : refused_count) += 1;
  }
  return {granted_count, refused_count};
}

// Thesis 9.6, receiver side, with etcd-io/raft's rules: a lower term is refused with the own
// currentTerm (B13: the pre-candidate catches up); a higher term inside a leader lease is ignored
// (4.2.3); otherwise grant if the log is up to date (5.4.1) and this server could vote at that
// term: it is above currentTerm, or this server voted for the sender, or it has neither voted
// nor heard of a leader in currentTerm. Nothing changes here, so nothing waits for a sync.
void RaftNode::handle_pre_vote(NodeId from, const PreVote& request) {
  auto response = std::make_shared<PreVoteResponse>();
  if (request.term > current_term_ && in_leader_lease()) {
    return;
  }
  bool can_vote = request.term > current_term_ ||
                  (request.term == current_term_ &&
                   (voted_for_ == from || (voted_for_.is_none() && leader_id_.is_none())));
  bool granted = can_vote && log_.is_up_to_date(request.last_log_index, request.last_log_term);
  response->term = granted ? request.term : current_term_;
  response->vote_granted = granted;
  env_.send(from, std::move(response));
}

// A refusal with a higher term moves this server to that term (section 5.1); a grant carries
// currentTerm + 1, which a pre-candidate does not adopt.
void RaftNode::handle_pre_vote_response(NodeId from, const PreVoteResponse& response) {
  if (!response.vote_granted && response.term > current_term_) {
    observe_term(response.term, NodeId::none());
    return;
  }
  uint64_t expected_term = response.vote_granted ? current_term_ + 1 : current_term_;
  if (role_ != Role::pre_candidate || response.term != expected_term) {
    return;  // stale: from another round or term
  }
  record_pre_vote(from, response.vote_granted);
}

void RaftNode::record_pre_vote(NodeId voter, bool granted) {
  if (role_ != Role::pre_candidate) {
    return;
  }
  auto [granted_count, refused_count] = tally_vote(voter, granted);
  if (granted_count >= quorum()) {
    become_candidate();
  } else if (refused_count >= quorum()) {
    become_follower(current_term_, NodeId::none());
  }
}

}  // namespace faultline::raft
