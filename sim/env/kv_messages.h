// File: kv_messages.h
// The client protocol of the replicated key-value service, shared by every protocol that serves
// it (Raft now, Multi-Paxos later) and by the simulated clients. A client names each operation by
// (client, request_id); a retried request keeps its id so that a put is applied at most once.
#pragma once

#include <cstdint>
#include <string>

#include "sim/base/node_id.h"
#include "sim/env/message.h"

namespace faultline {

// Message kinds reserved for the KV client protocol; protocol-private kinds start at 100.
enum class KvMessageKind : uint32_t { request = 1, reply = 2 };

enum class KvOp : uint8_t { get, put };

struct KvRequest final : Message {
  uint64_t request_id = 0;  // unique per client, increasing
  KvOp op = KvOp::get;
  std::string key;
  std::string value;  // for put

  std::string_view type_name() const override { return "KvRequest"; }
  uint64_t size_bytes() const override { return 32 + key.size() + value.size(); }
  uint32_t kind() const override { return static_cast<uint32_t>(KvMessageKind::request); }
};

enum class KvStatus : uint8_t {
  ok,          // applied; `value` holds the result of a get
  not_leader,  // this node does not serve requests; `leader_hint` may name one
  // The coordinator could not reach the consistency level the request needs (a leaderless
  // store: too few replicas answered in time). A get had no effect; a put may have reached some
  // replicas, so its outcome is unknown.
  unavailable,
};

struct KvReply final : Message {
  uint64_t request_id = 0;
  KvStatus status = KvStatus::ok;
  std::string value;
  NodeId leader_hint;  // none when unknown

  std::string_view type_name() const override { return "KvReply"; }
  uint64_t size_bytes() const override { return 32 + value.size(); }
  uint32_t kind() const override { return static_cast<uint32_t>(KvMessageKind::reply); }
};

}  // namespace faultline
