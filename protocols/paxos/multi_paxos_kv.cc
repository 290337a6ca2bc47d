// File: multi_paxos_kv.cc
// Executing key-value commands with per-client deduplication.
#include "protocols/paxos/multi_paxos_kv.h"

#include "sim/base/check.h"

namespace faultline::paxos::multi {

std::optional<KvStore::Outcome> KvStore::execute(const Command& command) {
  FL_CHECK(!command.is_noop() && !command.client.is_none(), "not a client command");
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
    auto found = data_.find(command.key);
    reply = found == data_.end() ? "" : found->second;
  }
  session.last_request_id = command.request_id;
  session.last_reply = reply;
  return Outcome{true, std::move(reply)};
}

std::optional<std::string> KvStore::stored_reply(NodeId client, uint64_t request_id) const {
  auto it = sessions_.find(client);
  if (it == sessions_.end() || it->second.last_request_id != request_id) {
    return std::nullopt;
  }
  return it->second.last_reply;
}

uint64_t KvStore::last_request_id(NodeId client) const {
  auto it = sessions_.find(client);
  return it == sessions_.end() ? 0 : it->second.last_request_id;
}

}  // namespace faultline::paxos::multi
