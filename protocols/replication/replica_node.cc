// File: replica_node.cc
// Lifecycle (start and recovery), dispatch per message type, the periodic tick (heartbeats,
// backup repair, asking the failure detector about the primary) and epoch fencing.
#include "protocols/replication/replica_node.h"

#include <algorithm>

#include <fmt/format.h>

#include "protocols/common/lost_state.h"
#include "sim/base/check.h"

namespace faultline::replication {

ReplicaNode::ReplicaNode(NodeEnv& env, const ReplicationConfig& config)
    : env_(env), config_(config), storage_(env.storage()) {}

NodeId ReplicaNode::primary_of(uint64_t epoch) const {
  FL_CHECK(epoch >= 1, "epoch 0 has no primary");
  uint64_t servers = env_.peers().size() + 1;
  return NodeId::server(static_cast<uint32_t>((epoch - 1) % servers + 1));
}

Time ReplicaNode::detector_now() {
  detector_clock_ = std::max(detector_clock_, env_.now());
  return detector_clock_;
}

void ReplicaNode::trace(std::string_view name, std::initializer_list<TraceField> fields) {
  env_.trace(TraceEvent("replication", name, fields));
}

// A replica that lost what it promised (a wiped or corrupted disk) must not rejoin as itself: it
// could join an epoch with an empty log and let a new primary forget acknowledged writes (the
// same argument as protocols/raft/README.md "Disk faults"). Fail-stop.
bool ReplicaNode::refuse_to_start() {
  std::string_view reason = common::lost_state_reason(env_, storage_.has_member_marker());
  if (reason.empty()) {
    return false;
  }
  trace("refuse_start", {{"reason", reason}});
  env_.halt(reason);
  return true;
}

void ReplicaNode::on_start() {
  if (refuse_to_start()) {
    return;
  }
  if (!storage_.has_member_marker()) {
    storage_.save_member_marker();
  }
  RecoveredReplica recovered = storage_.load();
  epoch_ = recovered.epoch;
  log_epoch_ = recovered.log_epoch;
  log_ = std::move(recovered.log);
  trace("recover", {{"epoch", static_cast<int64_t>(epoch_)},
                    {"log_epoch", static_cast<int64_t>(log_epoch_)},
                    {"log_length", static_cast<int64_t>(log_.size())},
                    {"commit", static_cast<int64_t>(recovered.commit_index)}});
  detector_ = heartbeat::make_failure_detector(config_.detector, env_.peers(), detector_now());
  arm_tick();
  set_commit(std::min<uint64_t>(recovered.commit_index, last_index()));
  if (epoch_ == 0) {
    join_epoch(1);  // a new cluster: everyone joins epoch 1, whose primary is n1
  } else if (primary_of(epoch_) == env_.self()) {
    join_epoch(epoch_ + 1);  // a restarted primary lost its volatile state: next epoch
  } else {
    primary_ = primary_of(epoch_);
    // A log installed by this epoch's primary is a prefix of its log: keep following. Otherwise
    // ask the primary for the epoch's log (the tick sends EpochState).
    role_ = log_epoch_ == epoch_ ? Role::backup : Role::view_change;
  }
}

void ReplicaNode::arm_tick() {
  env_.set_timer(config_.detector.interval, tick_timer_tag);
}

void ReplicaNode::on_timer(TimerId /*timer*/, uint64_t tag) {
  FL_CHECK(tag == tick_timer_tag, "unknown timer tag {}", tag);
  tick();
  arm_tick();
}

void ReplicaNode::tick() {
  send_heartbeats();
  trace_suspicions();
  switch (role_) {
    case Role::primary:
      for (const auto& [peer, stored] : match_) {
        if (stored < last_index()) {
          send_update(peer, stored + 1);
        }
      }
      return;
    case Role::backup:
      if (detector_->suspects(primary_, detector_now())) {
        suspect_primary();
      } else {
        // Again what we hold: if the acknowledgement of our install was lost, the primary would
        // otherwise never count us nor send us updates.
        acknowledge_stored();
      }
      return;
    case Role::view_change:
      if (primary_ == env_.self()) {
        tick_gathering();
        return;
      }
      if (detector_->suspects(primary_, detector_now())) {
        suspect_primary();
      } else if (fetch_) {
        request_chunk();  // again: the request or its answer may have been lost
      } else {
        send_epoch_state();  // again: it or the StartEpoch answering it may have been lost
      }
      return;
  }
}

// The epoch's primary while it gathers: the others' EpochStates come to us. If the replica whose
// log we chose stops answering, forget it and wait for a majority again (they resend).
void ReplicaNode::tick_gathering() {
  if (!fetch_) {
    return;
  }
  if (detector_->suspects(fetch_->source, detector_now())) {
    trace("fetch_abort", {{"source", fetch_->source.name()}});
    joined_.erase(fetch_->source);
    fetch_.reset();
    installing_ = false;
    return;
  }
  request_chunk();
}

// The heartbeat protocol's vocabulary (fd.suspect / fd.trust target=nK on the detecting node), so
// that fd.qos can judge the detector that drives failover. Sampled on each tick: a change is
// traced at most one interval after the detector's own suspicion time.
void ReplicaNode::trace_suspicions() {
  for (NodeId peer : env_.peers()) {
    bool suspected = detector_->suspects(peer, detector_now());
    bool& was = suspected_[peer];
    if (suspected != was) {
      was = suspected;
      env_.trace(TraceEvent("fd", suspected ? "suspect" : "trust", {{"target", peer.name()}}));
    }
  }
}

void ReplicaNode::send_heartbeats() {
  for (NodeId peer : env_.peers()) {
    auto heartbeat = std::make_shared<Heartbeat>();
    heartbeat->epoch = epoch_;
    heartbeat->primary = role_ == Role::primary;
    heartbeat->last_optime = last_optime();
    heartbeat->commit_index = commit_index_;
    env_.send(peer, std::move(heartbeat));
  }
}

void ReplicaNode::on_storage_complete(StorageOpId op, StorageStatus status) {
  if (status != StorageStatus::ok) {
    // As etcd and PostgreSQL after a failed fsync: what reached the disk is unknown. Fail-stop.
    trace("halt", {{"reason", "no_space"}});
    env_.halt("no_space");
    return;
  }
  for (auto& action : storage_.sync_gate().on_sync_complete(op)) {
    action();
  }
}

void ReplicaNode::on_message(NodeId from, const MessagePtr& message) {
  switch (message->kind()) {
    case static_cast<uint32_t>(KvMessageKind::request):
      on_client_request(from, static_cast<const KvRequest&>(*message));
      return;
    case static_cast<uint32_t>(ReplicationMessageKind::heartbeat): {
      const auto& heartbeat = static_cast<const Heartbeat&>(*message);
      detector_->heartbeat(from, detector_now());
      if (admit_epoch(from, heartbeat.epoch, message->type_name())) {
        on_heartbeat(from, heartbeat);
      }
      return;
    }
    case static_cast<uint32_t>(ReplicationMessageKind::update): {
      const auto& update = static_cast<const Update&>(*message);
      if (admit_epoch(from, update.epoch, message->type_name())) {
        on_update(from, update);
      }
      return;
    }
    case static_cast<uint32_t>(ReplicationMessageKind::update_ack): {
      const auto& ack = static_cast<const UpdateAck&>(*message);
      if (admit_epoch(from, ack.epoch, message->type_name())) {
        on_update_ack(from, ack);
      }
      return;
    }
    case static_cast<uint32_t>(ReplicationMessageKind::epoch_state): {
      const auto& state = static_cast<const EpochState&>(*message);
      if (admit_epoch(from, state.epoch, message->type_name())) {
        on_epoch_state(from, state);
      }
      return;
    }
    case static_cast<uint32_t>(ReplicationMessageKind::start_epoch): {
      const auto& start = static_cast<const StartEpoch&>(*message);
      if (admit_epoch(from, start.epoch, message->type_name())) {
        on_start_epoch(from, start);
      }
      return;
    }
    case static_cast<uint32_t>(ReplicationMessageKind::fetch_log): {
      const auto& fetch = static_cast<const FetchLog&>(*message);
      if (admit_epoch(from, fetch.epoch, message->type_name())) {
        on_fetch_log(from, fetch);
      }
      return;
    }
    case static_cast<uint32_t>(ReplicationMessageKind::log_chunk): {
      const auto& chunk = static_cast<const LogChunk&>(*message);
      if (admit_epoch(from, chunk.epoch, message->type_name())) {
        on_log_chunk(from, chunk);
      }
      return;
    }
    default:
      return;  // not ours (the KvReply kind is never sent to a server)
  }
}

// Viewstamped replication's rule (Liskov and Cowling 2012, section 4): a message of an older view
// is dropped (here also answered with our epoch, so an old primary learns it was replaced and steps
// down); a message of a newer view moves the receiver to it first.
// Bug no_epochs (B22): no fencing at all; a primary ignores epoch numbers, and the others move to
// a newer epoch only when an epoch change asks them to (EpochState, StartEpoch).
bool ReplicaNode::admit_epoch(NodeId from, uint64_t epoch, std::string_view type) {
  bool is_heartbeat = type == "Heartbeat";
  if (bug(ReplicationConfig::Bug::no_epochs)) {
    bool epoch_change = type == "EpochState" || type == "StartEpoch";
    if (epoch > epoch_ && epoch_change && role_ != Role::primary) {
      join_epoch(epoch);
    }
    return true;
  }
  if (epoch < epoch_) {
    if (!is_heartbeat) {
      trace("reject", {{"from", from.name()},
                       {"type", type},
                       {"epoch", static_cast<int64_t>(epoch)},
                       {"current", static_cast<int64_t>(epoch_)}});
      auto heartbeat = std::make_shared<Heartbeat>();
      heartbeat->epoch = epoch_;
      heartbeat->primary = role_ == Role::primary;
      heartbeat->last_optime = last_optime();
      heartbeat->commit_index = commit_index_;
      env_.send(from, std::move(heartbeat));
    }
    return false;
  }
  if (epoch > epoch_) {
    join_epoch(epoch);
  }
  return true;
}

void ReplicaNode::on_heartbeat(NodeId from, const Heartbeat& heartbeat) {
  if (bug(ReplicationConfig::Bug::no_epochs) && heartbeat.primary &&
      (role_ == Role::primary || from != primary_) && heartbeat.last_optime > last_optime()) {
    // B22: "the primary with the newest optime has the newest data": follow it, rolling back.
    step_down_for(from);
    return;
  }
  if (role_ == Role::backup && from == primary_) {
    // Our log is a prefix of the primary's (same epoch), so its commit index covers ours.
    set_commit(std::min(heartbeat.commit_index, last_index()));
  }
}

std::unique_ptr<Protocol> make_replication(NodeEnv& env, const ReplicationConfig& config) {
  return std::make_unique<ReplicaNode>(env, config);
}

}  // namespace faultline::replication
