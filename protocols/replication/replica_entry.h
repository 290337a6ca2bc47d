// File: replica_entry.h
// One entry of a replica's log: a client operation as the primary of `epoch` ordered it, with the
// primary's decisions (optime, version), its stable encoding on disk, and its digest. Owns the
// invariant that an entry is identified by (epoch, index): the primary of an epoch never changes
// an entry it created, so two logs of the same epoch agree on every index both hold.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/base/node_id.h"
#include "sim/env/kv_messages.h"

namespace faultline::replication {

struct ReplicaEntry {
  uint64_t epoch = 0;   // the epoch whose primary created the entry
  int64_t optime = 0;   // the primary's local clock when it created the entry (ns); B22 compares it
  int64_t version = 0;  // passive and semi_active: the version the primary chose for a put (ns)
  KvOp op = KvOp::get;
  NodeId client;
  uint64_t request_id = 0;
  std::string key;
  std::string value;  // for a put

  bool operator==(const ReplicaEntry&) const = default;
};

// "<epoch> <optime> <version> <put|get> <client> <request_id> <klen>:<key><vlen>:<value>".
std::string encode_entry(const ReplicaEntry& entry);
// nullopt when `text` is not a well-formed encoding.
std::optional<ReplicaEntry> decode_entry(std::string_view text);
// FNV-1a 64 of what applying a put installs (key, value, version) or of a get's key, folded to
// 63 bits so the trace prints it as a non-negative integer.
int64_t effect_digest(KvOp op, std::string_view key, std::string_view value, int64_t version);

}  // namespace faultline::replication
