// File: leaderless_messages.h
// The messages between the nodes of the leaderless store (README.md "Leaderless"). A coordinator
// names each of its operations by `operation` (unique per coordinator incarnation) and each of its
// incarnations by a random `incarnation`, so answers to an operation it has forgotten, or to one
// of an earlier incarnation (in flight when it crashed), are ignored. No message grows with the
// store: anti-entropy ranges carry at most LeaderlessConfig::max_sync_items items.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocols/replication/leaderless_store.h"
#include "sim/env/message.h"

namespace faultline::replication {

// Protocol-private kinds (sim/env/kv_messages.h reserves those below 100).
enum class LeaderlessMessageKind : uint32_t {
  replica_write = 200,
  replica_write_ack = 201,
  replica_read = 202,
  replica_read_reply = 203,
  sync_range = 204,
  sync_range_reply = 205,
};

// Coordinator -> replica: install `item` under `key` if newer. `operation` 0 is a repair (read
// repair or anti-entropy) that wants no acknowledgement.
struct ReplicaWrite final : Message {
  uint64_t incarnation = 0;  // the coordinator's, echoed in answers
  uint64_t operation = 0;
  std::string key;
  Item item;

  std::string_view type_name() const override { return "ReplicaWrite"; }
  uint64_t size_bytes() const override { return 56 + key.size() + item.value.size(); }
  uint32_t kind() const override {
    return static_cast<uint32_t>(LeaderlessMessageKind::replica_write);
  }
};

// Replica -> coordinator: the replica durably holds `item`'s version or a newer one.
struct ReplicaWriteAck final : Message {
  uint64_t incarnation = 0;  // the coordinator's, echoed in answers
  uint64_t operation = 0;

  std::string_view type_name() const override { return "ReplicaWriteAck"; }
  uint64_t size_bytes() const override { return 32; }
  uint32_t kind() const override {
    return static_cast<uint32_t>(LeaderlessMessageKind::replica_write_ack);
  }
};

// Coordinator -> replica: what do you hold for `key`?
struct ReplicaRead final : Message {
  uint64_t incarnation = 0;  // the coordinator's, echoed in answers
  uint64_t operation = 0;
  std::string key;

  std::string_view type_name() const override { return "ReplicaRead"; }
  uint64_t size_bytes() const override { return 32 + key.size(); }
  uint32_t kind() const override {
    return static_cast<uint32_t>(LeaderlessMessageKind::replica_read);
  }
};

// Replica -> coordinator: its durable item for the key, if any.
struct ReplicaReadReply final : Message {
  uint64_t incarnation = 0;  // the coordinator's, echoed in answers
  uint64_t operation = 0;
  std::optional<Item> item;

  std::string_view type_name() const override { return "ReplicaReadReply"; }
  uint64_t size_bytes() const override { return 48 + (item ? item->value.size() : 0); }
  uint32_t kind() const override {
    return static_cast<uint32_t>(LeaderlessMessageKind::replica_read_reply);
  }
};

struct KeyedItem {
  std::string key;
  Item item;
};

// Anti-entropy, node A -> peer B (Dynamo section 4.7, with a range listing instead of a Merkle
// tree): every item A holds in the key range [from, to) (to empty: the end of the key space) for
// a key whose replicas include both A and B, in key order. B installs what is newer and answers
// with what it holds newer or A lacks in the same range.
struct SyncRange final : Message {
  std::string from;
  std::string to;
  std::vector<KeyedItem> items;

  std::string_view type_name() const override { return "SyncRange"; }
  uint64_t size_bytes() const override;
  uint32_t kind() const override {
    return static_cast<uint32_t>(LeaderlessMessageKind::sync_range);
  }
};

// B -> A: the items of the range that A should install (at most max_sync_items; the rest follow
// in a later round).
struct SyncRangeReply final : Message {
  std::vector<KeyedItem> items;

  std::string_view type_name() const override { return "SyncRangeReply"; }
  uint64_t size_bytes() const override;
  uint32_t kind() const override {
    return static_cast<uint32_t>(LeaderlessMessageKind::sync_range_reply);
  }
};

// Bytes of one item in an anti-entropy message.
uint64_t keyed_item_bytes(const KeyedItem& item);

}  // namespace faultline::replication
