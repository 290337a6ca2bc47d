// File: kv_state_machine.h
// The replicated key-value state machine that Raft (section 8), Multi-Paxos and the replication
// strategies execute, one client command at a time. Owns the at-most-once invariant: per client it
// keeps the last executed request_id and its reply, so a retried command (same client and
// request_id, chosen or logged twice) changes nothing and yields the stored reply.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "sim/base/node_id.h"
#include "sim/env/kv_messages.h"

namespace faultline::common {

class KvStateMachine {
 public:
  // A key's value and the version of the put that wrote it (replication's ns timestamp; 0 where
  // the protocol does not version its puts).
  struct Item {
    std::string value;
    int64_t version = 0;
  };
  // What executing a command produced; `value` is the result of a get ("" for a put).
  struct Outcome {
    bool fresh = false;  // false: a retry of the client's last executed request (no effect)
    std::string value;
  };

  // Executes `op` of (`client`, `request_id`), a put installing `value` with `version`. A request
  // older than the client's last executed one yields nullopt (its reply is gone; the client has
  // moved on) and changes nothing. Requires a client and a request_id of at least 1
  // (sim/env/kv_messages.h: ids start at 1 and increase).
  std::optional<Outcome> execute(NodeId client, uint64_t request_id, KvOp op,
                                 const std::string& key, const std::string& value,
                                 int64_t version = 0);
  // The stored reply if `request_id` is the client's last executed request.
  std::optional<std::string> stored_reply(NodeId client, uint64_t request_id) const;
  // The highest request_id executed for `client` (0 if none).
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

}  // namespace faultline::common
