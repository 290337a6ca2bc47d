// File: raft_replication.cc
// Log replication and commitment (sections 5.3, 5.4.2). Owns Log Matching on the follower side
// (accept only after the (prevLogIndex, prevLogTerm) consistency check; truncate only on an actual
// conflict) and the commitment rule on the leader side (count replicas only for entries of the
// current term; the own copy counts once it is durable).
#include <algorithm>
#include <memory>
#include <vector>

#include "protocols/raft/raft_node.h"
#include "sim/base/check.h"

namespace faultline::raft {

// Figure 2, AppendEntries receiver: 1. reply false if term < currentTerm; 2. reply false if the
// log has no entry at prevLogIndex whose term is prevLogTerm; 3.-4. delete conflicting entries and
// append new ones; 5. commitIndex = min(leaderCommit, index of last new entry).
void RaftNode::handle_append_entries(NodeId from, const AppendEntries& request) {
  bool first_from_leader = request.term > current_term_ || leader_id_ != from;
  observe_term(request.term, from);
  if (request.term < current_term_) {
    reject_append(from, 0, 0);
    return;
  }
  if (role_ == Role::leader) {
    // Only a Bug variant elects two leaders in one term; the checkers judge it, this node
    // refuses the other one's entries.
    FL_CHECK(config_.bug != RaftConfig::Bug::none, "two leaders in term {}: {} and {}",
             current_term_, env_.self().name(), from.name());
    reject_append(from, 0, 0);
    return;
  }
  if (role_ != Role::follower) {
    become_follower(current_term_, from);  // section 5.2: a legitimate leader exists
  }
  FL_CHECK(leader_id_.is_none() || leader_id_ == from || config_.bug != RaftConfig::Bug::none,
           "term {} has leaders {} and {}", current_term_, leader_id_.name(), from.name());
  leader_id_ = from;
  last_leader_contact_ = env_.now();
  if (config_.bug == RaftConfig::Bug::clear_vote_on_append && first_from_leader &&
      voted_for_ == from) {
    // B07 (camunda/camunda#5356): the first message of the leader this follower voted for
    // clears its vote in the same term; a late RequestVote of that term can then be granted.
    voted_for_ = NodeId::none();
    storage_.save_hard_state(current_term_, voted_for_);
  }
  reset_election_timer();
  if (request.prev_log_index > log_.last_index()) {
    reject_append(from, request.prev_log_index, log_.last_index());
    return;
  }
  if (log_.term_at(request.prev_log_index) != request.prev_log_term) {
    FL_CHECK(request.prev_log_index > commit_index_ || config_.bug != RaftConfig::Bug::none,
             "committed entry {} conflicts with the leader", request.prev_log_index);
    reject_append(from, request.prev_log_index, request.prev_log_index - 1);
    return;
  }
  accept_entries(request);
  uint64_t last_new_index = request.prev_log_index + request.entries.size();
  uint64_t new_commit_index = std::min(request.leader_commit, last_new_index);
  if (new_commit_index > commit_index_) {
    advance_commit(new_commit_index);
  }
  auto response = std::make_shared<AppendEntriesResponse>();
  response->term = current_term_;
  response->success = true;
  response->match_index = last_new_index;
  send_after_sync(from, std::move(response));
}

void RaftNode::reject_append(NodeId leader, uint64_t rejected_index, uint64_t hint_index) {
  auto response = std::make_shared<AppendEntriesResponse>();
  response->term = current_term_;
  response->success = false;
  response->rejected_index = rejected_index;
  response->hint_index = hint_index;
  send_after_sync(leader, std::move(response));
}

// Section 5.3: "If an existing entry conflicts with a new one (same index but different terms),
// delete the existing entry and all that follow it." Entries that already match are kept, so a
// stale or reordered AppendEntries never erases entries.
void RaftNode::accept_entries(const AppendEntries& request) {
  FL_CHECK(request.entries.size() <= config_.max_entries_per_append,
           "AppendEntries with {} entries", request.entries.size());
  uint64_t index = request.prev_log_index;
  for (const LogEntry& entry : request.entries) {
    index += 1;
    if (index <= log_.last_index()) {
      if (log_.term_at(index) == entry.term) {
        if (log_.at(index) == entry) {
          continue;
        }
        // Two leaders of one term (a Bug variant only): replace it, the checkers judge it.
        FL_CHECK(config_.bug != RaftConfig::Bug::none, "Log Matching: index {} term {} differs",
                 index, entry.term);
      }
      FL_CHECK(index > commit_index_ || config_.bug != RaftConfig::Bug::none,
               "truncating committed index {} (commitIndex {})", index, commit_index_);
      env_.trace(TraceEvent{"raft", "log_truncate", {{"from", static_cast<int64_t>(index)}}});
      storage_.erase_entries(index, log_.last_index());
      log_.truncate_from(index);
      if (commit_index_ >= index) {
        commit_index_ = index - 1;  // only reachable with a Bug variant
        last_applied_ = std::min(last_applied_, commit_index_);
      }
    }
    FL_CHECK_EQ(log_.append(entry), index);
    storage_.save_entry(index, entry);
    trace_log_append(index);
  }
  storage_.sync_gate().sync_if_dirty();
}

// Leader side of section 5.3 (and 5.4.2 for counting).
void RaftNode::handle_append_entries_response(NodeId from, const AppendEntriesResponse& response) {
  observe_term(response.term, NodeId::none());
  if (response.term < current_term_ || role_ != Role::leader) {
    return;
  }
  auto it = progress_.find(from);
  FL_CHECK(it != progress_.end(), "AppendEntriesResponse from non-peer {}", from.name());
  Progress& progress = it->second;
  progress.recent_active = true;  // thesis 6.2: heard from this follower in this term
  if (response.success) {
    FL_CHECK(response.match_index <= log_.last_index(), "{} matches {} beyond last index {}",
             from.name(), response.match_index, log_.last_index());
    if (config_.bug == RaftConfig::Bug::count_duplicate_acks &&
        response.match_index > commit_index_) {
      // B08 (jgroups-raft#24): one more ack per response, not per distinct follower.
      ack_counts_[response.match_index] += 1;
    }
    progress.match_index = std::max(progress.match_index, response.match_index);
    progress.next_index = std::max(progress.next_index, progress.match_index + 1);
    progress.probing = false;
    maybe_advance_commit();
    if (progress.next_index <= log_.last_index() || progress.sent_commit < commit_index_) {
      send_append(from);
    }
    return;
  }
  // A stale rejection (of a prev we already moved past, or below what is known to match) is
  // ignored; otherwise back off nextIndex and probe (section 5.3).
  if (response.rejected_index <= progress.match_index ||
      (progress.probing && response.rejected_index + 1 != progress.next_index)) {
    return;
  }
  uint64_t next = std::min(response.rejected_index, response.hint_index + 1);
  progress.next_index = std::max(progress.match_index + 1, next);
  progress.probing = true;
  FL_CHECK(progress.match_index < progress.next_index, "matchIndex {} >= nextIndex {}",
           progress.match_index, progress.next_index);
  send_append(from);
}

uint64_t RaftNode::append_as_leader(LogEntry entry) {
  FL_CHECK(role_ == Role::leader, "append_as_leader on a {}", role_name(role_));
  FL_CHECK_EQ(entry.term, current_term_);
  uint64_t index = log_.append(std::move(entry));
  storage_.save_entry(index, log_.at(index));
  trace_log_append(index);
  uint64_t term = current_term_;
  after_sync([this, term, index] { record_self_ack(term, index); });
  return index;
}

// The leader counts itself for `index` only once its own copy is durable.
void RaftNode::record_self_ack(uint64_t term, uint64_t index) {
  if (role_ != Role::leader || term != current_term_) {
    return;
  }
  self_synced_index_ = std::max(self_synced_index_, index);
  maybe_advance_commit();
}

void RaftNode::send_append(NodeId peer) {
  Progress& progress = progress_.at(peer);
  FL_CHECK(progress.next_index >= 1 && progress.next_index <= log_.last_index() + 1,
           "nextIndex {} for {} outside [1, {}]", progress.next_index, peer.name(),
           log_.last_index() + 1);
  auto request = std::make_shared<AppendEntries>();
  request->term = current_term_;
  request->prev_log_index = progress.next_index - 1;
  request->prev_log_term = log_.term_at(request->prev_log_index);
  request->leader_commit = commit_index_;
  progress.sent_commit = commit_index_;
  uint64_t last = std::min<uint64_t>(log_.last_index(),
                                     request->prev_log_index + config_.max_entries_per_append);
  uint64_t entry_bytes = 0;
  for (uint64_t index = progress.next_index; index <= last; ++index) {
    entry_bytes += append_entry_size_bytes(log_.at(index));
    if (!request->entries.empty() && entry_bytes > config_.max_append_bytes) {
      last = index - 1;
      break;
    }
    request->entries.push_back(log_.at(index));
  }
  if (!progress.probing && !request->entries.empty()) {
    progress.next_index = last + 1;  // pipelining: assume it arrives
  }
  env_.send(peer, std::move(request));
}

void RaftNode::broadcast_append(bool include_probing) {
  for (NodeId peer : env_.peers()) {
    if (include_probing || !progress_.at(peer).probing) {
      send_append(peer);
    }
  }
}

// Section 5.4.2: commit the highest index N stored on a majority with log[N].term == currentTerm
// (earlier entries commit with it, Log Matching). Bug::commit_old_term_by_count drops the term
// condition (Figure 8).
void RaftNode::maybe_advance_commit() {
  std::vector<uint64_t> matches{self_synced_index_};
  for (const auto& [peer, progress] : progress_) {
    matches.push_back(progress.match_index);
  }
  std::sort(matches.begin(), matches.end(), std::greater<uint64_t>());
  uint64_t majority_index = matches[quorum() - 1];
  if (config_.bug == RaftConfig::Bug::count_duplicate_acks) {
    majority_index = index_acked_by_count();
  }
  if (majority_index <= commit_index_) {
    return;
  }
  bool current_term_entry = log_.term_at(majority_index) == current_term_;
  if (!current_term_entry && config_.bug != RaftConfig::Bug::commit_old_term_by_count) {
    return;
  }
  advance_commit(majority_index);
  broadcast_append(/*include_probing=*/false);  // tell followers the new commitIndex
}

// B08 bug: counting down from the highest acknowledged index, every response counts once for each
// index it covers, whoever sent it; the own durable copy counts once.
uint64_t RaftNode::index_acked_by_count() const {
  size_t acks = 0;
  for (auto it = ack_counts_.rbegin(); it != ack_counts_.rend(); ++it) {
    acks += it->second;
    if (acks + (self_synced_index_ >= it->first ? 1 : 0) >= quorum()) {
      return it->first;
    }
  }
  return 0;
}

void RaftNode::advance_commit(uint64_t index) {
  FL_CHECK(index > commit_index_, "commitIndex would not increase: {} -> {}", commit_index_, index);
  FL_CHECK(index <= log_.last_index(), "commitIndex {} beyond last index {}", index,
           log_.last_index());
  commit_index_ = index;
  ack_counts_.erase(ack_counts_.begin(), ack_counts_.upper_bound(index));
  env_.trace(TraceEvent{"raft",
                        "commit",
                        {{"index", static_cast<int64_t>(index)},
                         {"term", static_cast<int64_t>(log_.term_at(index))}}});
  apply_committed();
}

// Figure 2, all servers: while commitIndex > lastApplied, apply log[++lastApplied].
void RaftNode::apply_committed() {
  while (last_applied_ < commit_index_) {
    last_applied_ += 1;
    const LogEntry& entry = log_.at(last_applied_);
    env_.trace(TraceEvent{"raft",
                          "apply",
                          {{"index", static_cast<int64_t>(last_applied_)},
                           {"term", static_cast<int64_t>(entry.term)},
                           {"digest", entry_digest(entry)}}});
    on_applied(last_applied_, entry);
  }
}

}  // namespace faultline::raft
