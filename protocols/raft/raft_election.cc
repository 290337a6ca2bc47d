// File: raft_election.cc
// Leader election: RequestVote handling (sections 5.1, 5.2, 5.4.1). Owns "at most one vote per
// term": a vote is granted only if votedFor is none or the same candidate, and the answer leaves
// only after currentTerm and votedFor are durable.
#include <memory>

#include "protocols/raft/raft_node.h"
#include "sim/base/check.h"

namespace faultline::raft {

// Figure 2, RequestVote receiver: 1. reply false if term < currentTerm (5.1); 2. grant if
// votedFor is null or candidateId, and the candidate's log is at least as up-to-date (5.2, 5.4.1).
void RaftNode::handle_request_vote(NodeId from, const RequestVote& request) {
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
  auto [it, inserted] = votes_.try_emplace(voter, granted);
  if (!inserted) {
    FL_CHECK(it->second == granted || voter != env_.self(), "own vote changed");
    return;  // duplicate delivery: the first answer counts
  }
  size_t granted_count = 0;
  size_t refused_count = 0;
  for (const auto& [node, vote] : votes_) {
    (vote ? granted_count : refused_count) += 1;
  }
  if (granted_count >= quorum()) {
    become_leader();
  } else if (refused_count >= quorum()) {
    become_follower(current_term_, NodeId::none());
  }
}

}  // namespace faultline::raft
