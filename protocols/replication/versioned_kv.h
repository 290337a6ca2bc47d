// File: versioned_kv.h
// The replicated key-value state: per key a value and the version (ns timestamp) of the put that
// wrote it, and per client the last applied request and its reply. Owns the at-most-once
// invariant: a retry of a client's last applied request changes nothing and yields the stored
// reply (as protocols/raft/kv_state_machine.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "sim/base/node_id.h"
#include "sim/env/kv_messages.h"

namespace faultline::replication {

class VersionedKv {
 public:
  struct Item {
    std::string value;
    int64_t version = 0;
  };
  struct Outcome {
    bool fresh = false;  // false: a retry of the client's last applied request (no effect)
    std::string value;   // the result of a get
    int64_t digest = 0;  // effect_digest of what was applied
  };

  // Executes `op` of (`client`, `request_id`) with `version` as the put's version. A request
  // older than the client's last applied one yields nullopt and changes nothing.
  std::optional<Outcome> execute(NodeId client, uint64_t request_id, KvOp op,
                                 const std::string& key, const std::string& value, int64_t version);
  std::optional<std::string> stored_reply(NodeId client, uint64_t request_id) const;
  uint64_t last_request_id(NodeId client) const;
  const std::map<std::string, Item>& items() const { return items_; }

 private:
  struct Session {
    uint64_t last_request_id = 0;
    std::string last_reply;
  };
  std::map<std::string, Item> items_;
  std::map<NodeId, Session> sessions_;
};

}  // namespace faultline::replication
