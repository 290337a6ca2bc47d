// File: kv_state_machine.h
// The replicated key-value state machine (section 8). Owns the at-most-once invariant: per client
// it keeps the last applied request_id and its reply, so a retried command (same client and
// request_id) changes nothing and yields the stored reply.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "protocols/raft/log_entry.h"
#include "sim/base/node_id.h"

namespace faultline::raft {

class KvStateMachine {
 public:
  // What applying a command produced; `value` is the result of a get ("" for a put).
  struct Outcome {
    bool fresh = false;  // false: a retry of the client's last applied request (no effect)
    std::string value;
  };

  // Applies `command`. A command older than the client's last applied one yields nullopt (its
  // reply is gone; the client has moved on). Requires a client id.
  std::optional<Outcome> apply(const KvCommand& command);
  // The stored reply if `request_id` is the client's last applied request.
  std::optional<std::string> stored_reply(NodeId client, uint64_t request_id) const;
  // The highest request_id applied for `client` (0 if none).
  uint64_t last_request_id(NodeId client) const;

  const std::map<std::string, std::string>& data() const { return data_; }

 private:
  struct Session {
    uint64_t last_request_id = 0;
    std::string last_reply;
  };

  std::map<std::string, std::string> data_;
  std::map<NodeId, Session> sessions_;
};

}  // namespace faultline::raft
