// File: kv_state_machine.cc
// Applying commands with per-client deduplication.
#include "protocols/raft/kv_state_machine.h"

#include "sim/base/check.h"

namespace faultline::raft {

std::optional<KvStateMachine::Outcome> KvStateMachine::apply(const KvCommand& command) {
  FL_CHECK(!command.client.is_none(), "a command without a client: {}", command.key);
  auto [it, inserted] = sessions_.try_emplace(command.client);
  Session& session = it->second;
  if (!inserted && command.request_id < session.last_request_id) {
    return std::nullopt;
  }
  if (!inserted && command.request_id == session.last_request_id) {
    return Outcome{false, session.last_reply};
  }
  std::string reply;
  if (command.op == KvOp::put) {
    data_[command.key] = command.value;
  } else {
    auto it = data_.find(command.key);
    reply = it == data_.end() ? "" : it->second;
  }
  session.last_request_id = command.request_id;
  session.last_reply = reply;
  return Outcome{true, std::move(reply)};
}

std::optional<std::string> KvStateMachine::stored_reply(NodeId client, uint64_t request_id) const {
  auto it = sessions_.find(client);
  if (it == sessions_.end() || it->second.last_request_id != request_id) {
    return std::nullopt;
  }
  return it->second.last_reply;
}

uint64_t KvStateMachine::last_request_id(NodeId client) const {
  auto it = sessions_.find(client);
  return it == sessions_.end() ? 0 : it->second.last_request_id;
}

}  // namespace faultline::raft
