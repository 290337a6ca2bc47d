// File: replica_epochs.cc
// Epoch changes, after viewstamped replication's view change (Liskov and Cowling 2012, section
// 4.2) with durable state: a replica that suspects the primary of epoch e joins the next epoch
// whose (round-robin) primary it does not suspect; joining is made durable before the replica
// sends that primary its log (EpochState). The new primary waits for a majority of EpochStates,
// itself included, adopts the most up-to-date log among them, compared by (log_epoch, length) as
// VR compares (last normal view, op number) and Raft section 5.4.1 compares (last term, index),
// fetches it if another replica holds it, makes it durable, and only then serves and has the
// others install it (StartEpoch; each fetches the log and installs it at once). Every entry
// a majority acknowledged in an earlier epoch is in that majority's intersection with the new
// one, so it is in the adopted log.
#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "protocols/replication/replica_node.h"
#include "sim/base/check.h"

namespace faultline::replication {

void ReplicaNode::suspect_primary() {
  trace("suspect", {{"target", primary_.name()}, {"epoch", static_cast<int64_t>(epoch_)}});
  uint64_t servers = env_.peers().size() + 1;
  uint64_t next = epoch_ + 1;
  // The deterministic successor: the first later epoch whose primary we do not suspect.
  for (uint64_t step = 1; step < servers; ++step, ++next) {
    NodeId candidate = primary_of(next);
    if (candidate == env_.self() || !detector_->suspects(candidate, detector_now())) {
      break;
    }
  }
  join_epoch(next);
}

void ReplicaNode::join_epoch(uint64_t epoch) {
  FL_CHECK(epoch > epoch_, "epoch {} joined after {}", epoch, epoch_);
  bool was_primary = role_ == Role::primary;
  epoch_ = epoch;
  primary_ = primary_of(epoch);
  role_ = Role::view_change;
  match_.clear();
  pending_clients_.clear();  // their clients retry elsewhere; the entries may still commit
  joined_.clear();
  installing_ = false;
  fetch_.reset();
  storage_.save_epochs(epoch_, log_epoch_);
  if (was_primary) {
    trace("become_backup", {{"epoch", static_cast<int64_t>(epoch_)}});
  }
  trace("join_epoch", {{"epoch", static_cast<int64_t>(epoch_)}, {"primary", primary_.name()}});
  send_epoch_state();
}

void ReplicaNode::send_epoch_state() {
  uint64_t epoch = epoch_;
  NodeId to = primary_;
  bool held = storage_.sync_gate().after_sync([this, epoch, to] {
    if (epoch_ != epoch || role_ != Role::view_change || primary_ != to) {
      return;
    }
    auto state = std::make_shared<EpochState>();
    state->epoch = epoch_;
    state->log_epoch = log_epoch_;
    state->log_length = last_index();
    state->last_optime = last_optime();
    state->commit_index = commit_index_;
    if (to == env_.self()) {
      on_epoch_state(to, *state);
    } else {
      env_.send(to, std::move(state));
    }
  });
  (void)held;  // dropped: the tick sends it again
}

void ReplicaNode::on_epoch_state(NodeId from, const EpochState& state) {
  if (role_ == Role::primary) {
    // A replica that joined our epoch late (or restarted, or follows us under B22): it needs the
    // epoch's log.
    match_.erase(from);
    send_start_epoch(from);
    return;
  }
  if (role_ != Role::view_change || primary_ != env_.self() || state.epoch != epoch_ ||
      installing_) {
    return;
  }
  joined_.insert_or_assign(from, state);
  if (joined_.size() >= majority() && joined_.count(env_.self()) != 0) {
    choose_log();
  }
}

// The most up-to-date log of the majority that joined: highest (log_epoch, length), ties to our
// own (no transfer) and then to the lowest node. Bug no_epochs ranks by (last optime, length).
void ReplicaNode::choose_log() {
  bool by_optime = bug(ReplicationConfig::Bug::no_epochs);
  auto rank = [by_optime](const EpochState& state) {
    return by_optime ? std::tuple<int64_t, uint64_t>(state.last_optime, state.log_length)
                     : std::tuple<int64_t, uint64_t>(static_cast<int64_t>(state.log_epoch),
                                                     state.log_length);
  };
  NodeId best = env_.self();
  uint64_t commit = 0;
  for (const auto& [node, state] : joined_) {
    if (rank(state) > rank(joined_.at(best))) {
      best = node;
    }
    commit = std::max(commit, state.commit_index);
  }
  installing_ = true;
  if (best == env_.self()) {
    become_primary(commit);
    return;
  }
  uint64_t base = by_optime ? 0 : std::min(commit_index_, joined_.at(best).log_length);
  trace("fetch", {{"source", best.name()}, {"from", static_cast<int64_t>(base + 1)}});
  start_fetch(best, base, commit);
}

// The chosen log is ours now: make it the epoch's, durably, then serve.
void ReplicaNode::become_primary(uint64_t commit) {
  joined_.clear();
  log_epoch_ = epoch_;
  storage_.save_epochs(epoch_, log_epoch_);
  set_commit(std::min(commit, last_index()));
  uint64_t epoch = epoch_;
  bool held = storage_.sync_gate().after_sync([this, epoch] {
    if (epoch_ != epoch || !installing_) {
      return;
    }
    installing_ = false;
    role_ = Role::primary;
    self_stored_ = last_index();
    match_.clear();
    trace("become_primary", {{"epoch", static_cast<int64_t>(epoch_)},
                             {"log_length", static_cast<int64_t>(last_index())}});
    for (NodeId peer : env_.peers()) {
      send_start_epoch(peer);
    }
    advance_commit();
  });
  FL_CHECK(held, "no room to hold the new primary's install");
}

void ReplicaNode::send_start_epoch(NodeId to) {
  auto start = std::make_shared<StartEpoch>();
  start->epoch = epoch_;
  start->log_length = last_index();
  start->commit_index = commit_index_;
  env_.send(to, std::move(start));
}

void ReplicaNode::on_start_epoch(NodeId from, const StartEpoch& start) {
  bool no_epochs = bug(ReplicationConfig::Bug::no_epochs);
  if (role_ != Role::view_change || from != primary_ || (!no_epochs && start.epoch != epoch_)) {
    return;  // a primary, an installed backup (a duplicate), or not our epoch's primary
  }
  if (fetch_ && fetch_->source == from) {
    return;  // already fetching its log
  }
  start_fetch(from, no_epochs ? 0 : commit_index_, start.commit_index);
}

// The log has arrived (complete_fetch): a backup now holds the epoch's log.
void ReplicaNode::become_backup(uint64_t commit) {
  log_epoch_ = epoch_;
  storage_.save_epochs(epoch_, log_epoch_);
  role_ = Role::backup;
  trace("become_backup", {{"epoch", static_cast<int64_t>(epoch_)},
                          {"log_length", static_cast<int64_t>(last_index())}});
  set_commit(std::min(commit, last_index()));
  acknowledge_stored();
}

// B22: follow the primary whose last optime is newest, giving up our own role.
void ReplicaNode::step_down_for(NodeId newer_primary) {
  bool was_primary = role_ == Role::primary;
  role_ = Role::view_change;
  primary_ = newer_primary;
  match_.clear();
  pending_clients_.clear();
  joined_.clear();
  installing_ = false;
  fetch_.reset();
  if (was_primary) {
    trace("become_backup", {{"epoch", static_cast<int64_t>(epoch_)}});
  }
  trace("follow", {{"primary", newer_primary.name()}});
  send_epoch_state();
}

}  // namespace faultline::replication
