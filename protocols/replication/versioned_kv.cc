// File: versioned_kv.cc
#include "protocols/replication/versioned_kv.h"

#include "protocols/replication/replica_entry.h"

namespace faultline::replication {

std::optional<VersionedKv::Outcome> VersionedKv::execute(NodeId client, uint64_t request_id,
                                                         KvOp op, const std::string& key,
                                                         const std::string& value,
                                                         int64_t version) {
  Session& session = sessions_[client];
  if (request_id < session.last_request_id) {
    return std::nullopt;
  }
  Outcome outcome;
  if (request_id == session.last_request_id) {
    outcome.value = session.last_reply;
    return outcome;
  }
  outcome.fresh = true;
  if (op == KvOp::put) {
    items_[key] = Item{value, version};
    outcome.digest = effect_digest(op, key, value, version);
  } else {
    auto it = items_.find(key);
    outcome.value = it == items_.end() ? "" : it->second.value;
    outcome.digest = effect_digest(op, key, "", 0);
  }
  session.last_request_id = request_id;
  session.last_reply = outcome.value;
  return outcome;
}

std::optional<std::string> VersionedKv::stored_reply(NodeId client, uint64_t request_id) const {
  auto it = sessions_.find(client);
  if (it == sessions_.end() || it->second.last_request_id != request_id || request_id == 0) {
    return std::nullopt;
  }
  return it->second.last_reply;
}

uint64_t VersionedKv::last_request_id(NodeId client) const {
  auto it = sessions_.find(client);
  return it == sessions_.end() ? 0 : it->second.last_request_id;
}

}  // namespace faultline::replication
