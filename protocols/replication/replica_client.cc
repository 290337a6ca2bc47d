// File: replica_client.cc
// Client requests (sim/env/kv_messages.h). Only the primary serves; it answers a request only
// once its entry is committed and applied (the primary "does not respond to the client until the
// backups have acknowledged", Budhiraja et al. 1993; here a majority, so a failover keeps it).
// Gets go through the log too, so a deposed primary cannot answer a stale read. A retried put
// keeps its request id and is applied at most once (common::KvStateMachine).
#include <memory>
#include <string>

#include "protocols/replication/replica_node.h"
#include "sim/base/check.h"

namespace faultline::replication {

void ReplicaNode::reply(NodeId client, uint64_t request_id, KvStatus status, std::string value) {
  auto answer = std::make_shared<KvReply>();
  answer->request_id = request_id;
  answer->status = status;
  answer->value = std::move(value);
  answer->leader_hint = status == KvStatus::ok ? env_.self() : primary_;
  if (answer->leader_hint == env_.self() && status != KvStatus::ok) {
    answer->leader_hint = NodeId::none();
  }
  env_.send(client, std::move(answer));
}

void ReplicaNode::on_client_request(NodeId from, const KvRequest& request) {
  if (role_ != Role::primary) {
    reply(from, request.request_id, KvStatus::not_leader, "");
    return;
  }
  if (std::optional<std::string> stored = state_.stored_reply(from, request.request_id)) {
    reply(from, request.request_id, KvStatus::ok, std::move(*stored));
    return;
  }
  if (request.request_id < state_.last_request_id(from)) {
    return;  // older than what the client already saw applied: it has moved on
  }
  // Already in the log (appended by us or inherited from an earlier epoch): wait for its commit.
  for (uint64_t index = commit_index_ + 1; index <= last_index(); ++index) {
    const ReplicaEntry& entry = log_[index - 1];
    if (entry.client == from && entry.request_id == request.request_id) {
      pending_clients_[index] = {from, request.request_id};
      return;
    }
  }
  if (pending_clients_.size() >= max_pending_client_requests) {
    return;  // STYLE.md 7: shed load; the client retries
  }
  ReplicaEntry entry;
  entry.epoch = epoch_;
  entry.optime = env_.now().ns;
  // The one nondeterministic choice, made here by the primary (leader) and shipped with the
  // entry: the version of a put is the primary's local clock.
  entry.version = request.op == KvOp::put ? env_.now().ns : 0;
  entry.op = request.op;
  entry.client = from;
  entry.request_id = request.request_id;
  entry.key = request.key;
  entry.value = request.op == KvOp::put ? request.value : "";
  uint64_t index = append_as_primary(std::move(entry));
  pending_clients_[index] = {from, request.request_id};
}

uint64_t ReplicaNode::append_as_primary(ReplicaEntry entry) {
  log_.push_back(std::move(entry));
  uint64_t index = last_index();
  storage_.save_entry(index, log_.back());
  for (const auto& [peer, stored] : match_) {
    send_update(peer, index);  // a backup behind this index answers with a gap ack
  }
  uint64_t epoch = epoch_;
  bool held = storage_.sync_gate().after_sync([this, epoch, index] {
    if (epoch_ != epoch || role_ != Role::primary) {
      return;
    }
    self_stored_ = std::max(self_stored_, index);
    advance_commit();
  });
  (void)held;  // dropped: a later entry's self-ack covers this index
  return index;
}

}  // namespace faultline::replication
