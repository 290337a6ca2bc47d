// File: multi_paxos_kv.h
// The replicated key-value state machine each Multi-Paxos replica executes, slot by slot. Owns
// the at-most-once invariant (the same client semantics as Raft's, protocols/raft/
// kv_state_machine.h): per client it keeps the last executed request_id and its reply, so a
// command chosen twice (a retried request proposed in two slots) changes nothing the second time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "protocols/paxos/multi_paxos_command.h"
#include "sim/base/node_id.h"

namespace faultline::paxos::multi {

class KvStore {
 public:
  // What executing a command produced; `value` is the result of a get ("" for a put).
  struct Outcome {
    bool fresh = false;  // false: a repeat of the client's last executed request (no effect)
    std::string value;
  };

  // Executes a kv command. A command older than the client's last executed one yields nullopt
  // (its reply is gone; the client has moved on).
  std::optional<Outcome> execute(const Command& command);
  // The stored reply if `request_id` is the client's last executed request.
  std::optional<std::string> stored_reply(NodeId client, uint64_t request_id) const;
  // The highest request_id executed for `client` (0 if none).
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

}  // namespace faultline::paxos::multi
