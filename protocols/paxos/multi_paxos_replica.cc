// File: multi_paxos_replica.cc
// Learner, replica and client service ("Paxos Made Simple" section 3). Owns the execution rule:
// a replica executes slot s only after slots 1..s-1 were executed, so commands run in slot order
// and never across a gap (the paper's 135-137 example: 138 and 139 wait). Clients as Raft's
// (section 8 of the Raft paper, sim/env/kv_messages.h): only the leader proposes client commands,
// reads included; it answers when the command's slot executes; others answer not_leader with the
// candidate leader as the hint.
#include "protocols/paxos/multi_paxos_node.h"

namespace faultline::paxos::multi {

void MultiPaxosNode::learn(uint64_t slot, const Command& command) {
  if (chosen_.count(slot) != 0) {
    return;  // learned already (a value is chosen once: the agreement checker watches this)
  }
  chosen_[slot] = command;
  proposals_.erase(slot);
  storage_.save_chosen(slot, command);  // a learner's record: no reply waits on it
  env_.trace(
      TraceEvent{"paxos",
                 "learn",
                 {{"slot", static_cast<int64_t>(slot)}, {"value", command_digest(command)}}});
  while (chosen_.count(first_unchosen_) != 0) {
    ++first_unchosen_;
  }
  execute_ready();
}

void MultiPaxosNode::handle_chosen(const Chosen& chosen) {
  learn(chosen.slot, chosen.command);
}

// A peer's heartbeat: the leader sends a lagging peer the chosen values it lacks (bounded per
// interval), and so does every server for a lagging candidate leader (the peer it would follow),
// so that a new leader catches up before its phase 1 (keeping the promises small: they report
// every accepted slot from its first unchosen one). A higher ballot is noted for the next prepare.
void MultiPaxosNode::handle_heartbeat(NodeId from, const Heartbeat& heartbeat) {
  observe_ballot(heartbeat.ballot);
  if (heartbeat.first_unchosen >= first_unchosen_ ||
      (role_ != Role::leader && from != candidate_)) {
    return;
  }
  uint32_t sent = 0;
  for (auto it = chosen_.lower_bound(heartbeat.first_unchosen);
       it != chosen_.end() && sent < config_.max_slots_per_round; ++it, ++sent) {
    auto chosen = std::make_shared<Chosen>();
    chosen->slot = it->first;
    chosen->command = it->second;
    env_.send(from, std::move(chosen));
  }
}

void MultiPaxosNode::execute_ready() {
  while (last_executed_ + 1 < first_unchosen_) {
    uint64_t slot = ++last_executed_;
    const Command& command = chosen_.at(slot);
    env_.trace(
        TraceEvent{"paxos",
                   "execute",
                   {{"slot", static_cast<int64_t>(slot)}, {"digest", command_digest(command)}}});
    if (command.is_noop()) {
      continue;
    }
    std::optional<common::KvStateMachine::Outcome> outcome =
        store_.execute(command.client, command.request_id, command.op, command.key, command.value);
    auto waiting = waiting_.find({command.client, command.request_id});
    if (waiting == waiting_.end()) {
      continue;
    }
    waiting_.erase(waiting);
    if (outcome.has_value()) {
      reply_to_client(command.client, command.request_id, std::move(outcome->value));
    }
  }
}

void MultiPaxosNode::handle_client_request(NodeId from, const KvRequest& request) {
  if (role_ == Role::preparing && candidate_ == env_.self()) {
    if (held_requests_.size() < max_pending_client_requests) {
      held_requests_.emplace_back(from, request);  // proposed once phase 1 ends
    }
    return;
  }
  if (role_ != Role::leader) {
    auto reply = std::make_shared<KvReply>();
    reply->request_id = request.request_id;
    reply->status = KvStatus::not_leader;
    reply->leader_hint =
        candidate_ == env_.self() ? NodeId::none() : candidate_;  // none: no majority
    env_.send(from, std::move(reply));
    return;
  }
  // A retry of the client's last executed command gets the stored reply at once.
  if (std::optional<std::string> stored = store_.stored_reply(from, request.request_id)) {
    reply_to_client(from, request.request_id, std::move(*stored));
    return;
  }
  if (request.request_id < store_.last_request_id(from) ||
      waiting_.count({from, request.request_id}) != 0 ||
      waiting_.size() >= max_pending_client_requests) {
    return;  // moved on / already proposed (the reply follows its execution) / shed (STYLE.md 7)
  }
  Command command;
  command.kind = Command::Kind::kv;
  command.client = from;
  command.request_id = request.request_id;
  command.op = request.op;
  command.key = request.key;
  command.value = request.value;
  waiting_.insert({from, request.request_id});
  while (chosen_.count(next_slot_) != 0) {
    ++next_slot_;
  }
  propose(next_slot_++, std::move(command), /*fresh=*/true);
}

void MultiPaxosNode::reply_to_client(NodeId client, uint64_t request_id, std::string value) {
  auto reply = std::make_shared<KvReply>();
  reply->request_id = request_id;
  reply->status = KvStatus::ok;
  reply->value = std::move(value);
  reply->leader_hint = env_.self();
  env_.send(client, std::move(reply));
}

}  // namespace faultline::paxos::multi
