// File: kv_state_machine.cc
// Executing key-value commands with per-client deduplication.
#include "protocols/common/kv_state_machine.h"

#include "sim/base/check.h"

namespace faultline::common {

std::optional<KvStateMachine::Outcome> KvStateMachine::execute(NodeId client, uint64_t request_id,
                                                               KvOp op, const std::string& key,
                                                               const std::string& value,
                                                               int64_t version) {
  FL_CHECK(!client.is_none(), "a command without a client: {}", key);
  FL_CHECK(request_id != 0, "{} sent a command without a request id: {}", client.name(), key);
  Session& session = sessions_[client];
  if (request_id < session.last_request_id) {
    return std::nullopt;
  }
  if (request_id == session.last_request_id) {
    return Outcome{false, session.last_reply};
  }
  std::string reply;
  if (op == KvOp::put) {
    items_[key] = Item{value, version};
  } else {
    auto found = items_.find(key);
    reply = found == items_.end() ? "" : found->second.value;
  }
  session.last_request_id = request_id;
  session.last_reply = reply;
  return Outcome{true, std::move(reply)};
}

std::optional<std::string> KvStateMachine::stored_reply(NodeId client, uint64_t request_id) const {
  auto found = sessions_.find(client);
  if (found == sessions_.end() || found->second.last_request_id != request_id) {
    return std::nullopt;
  }
  return found->second.last_reply;
}

uint64_t KvStateMachine::last_request_id(NodeId client) const {
  auto found = sessions_.find(client);
  return found == sessions_.end() ? 0 : found->second.last_request_id;
}

}  // namespace faultline::common
