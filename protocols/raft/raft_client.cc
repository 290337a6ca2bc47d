// File: raft_client.cc
// Client interaction (section 8). Owns: only a leader appends client commands; every command,
// reads included, goes through the log; a reply leaves only after the entry is applied, and only
// from the node that appended it as leader (pending_clients_ is cleared when it steps down).
#include <memory>
#include <string>

#include "protocols/raft/raft_node.h"
#include "sim/base/check.h"

namespace faultline::raft {

void RaftNode::handle_client_request(NodeId from, const KvRequest& request) {
  if (role_ != Role::leader) {
    // Section 8: a non-leader rejects the request and supplies the most recent leader it knows.
    auto reply = std::make_shared<KvReply>();
    reply->request_id = request.request_id;
    reply->status = KvStatus::not_leader;
    reply->leader_hint = leader_id_;
    env_.send(from, std::move(reply));
    return;
  }
  // Section 8: a retry of the client's last applied command gets the stored reply at once.
  if (std::optional<std::string> stored = state_machine_.stored_reply(from, request.request_id)) {
    reply_to_client(from, request.request_id, std::move(*stored));
    return;
  }
  if (request.request_id < state_machine_.last_request_id(from)) {
    return;  // older than what the client already saw applied: it has moved on
  }
  for (const auto& [index, waiting] : pending_clients_) {
    if (waiting == std::pair{from, request.request_id}) {
      return;  // already in this leader's log; the reply follows its apply
    }
  }
  if (pending_clients_.size() >= max_pending_client_requests) {
    return;  // STYLE.md 7: shed load; the client retries
  }
  KvCommand command{from, request.request_id, request.op, request.key, request.value};
  uint64_t index = append_as_leader(LogEntry::make_command(current_term_, std::move(command)));
  pending_clients_[index] = {from, request.request_id};
  broadcast_append(/*include_probing=*/false);
}

void RaftNode::reply_to_client(NodeId client, uint64_t request_id, std::string value) {
  auto reply = std::make_shared<KvReply>();
  reply->request_id = request_id;
  reply->status = KvStatus::ok;
  reply->value = std::move(value);
  reply->leader_hint = env_.self();
  env_.send(client, std::move(reply));
}

// Applies entry `index` to the KV state machine and answers the client if this leader appended
// it. A duplicate of the client's last applied command has no effect but answers again.
void RaftNode::on_applied(uint64_t index, const LogEntry& entry) {
  if (entry.kind == LogEntry::Kind::noop) {
    FL_CHECK(pending_clients_.count(index) == 0, "a client waits on no-op {}", index);
    return;
  }
  const KvCommand& command = entry.command;
  std::optional<common::KvStateMachine::Outcome> outcome = state_machine_.execute(
      command.client, command.request_id, command.op, command.key, command.value);
  auto it = pending_clients_.find(index);
  if (it == pending_clients_.end()) {
    return;
  }
  FL_CHECK(role_ == Role::leader, "a {} holds pending client requests", role_name(role_));
  FL_CHECK(it->second == std::pair(entry.command.client, entry.command.request_id),
           "pending client at index {} does not match the entry", index);
  pending_clients_.erase(it);
  if (outcome.has_value()) {
    reply_to_client(entry.command.client, entry.command.request_id, std::move(outcome->value));
  }
}

}  // namespace faultline::raft
