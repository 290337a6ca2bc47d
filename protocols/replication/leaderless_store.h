// File: leaderless_store.h
// A replica's versioned key-value store and its persistent layout (README.md "Leaderless").
// Owns the version order: last writer wins by (timestamp, writer node, value). The value only
// breaks the rare tie of two different puts with one (timestamp, writer) (a coordinator restarted
// with its clock set back, or two quorum_read puts that read the same maximum), as Cassandra
// breaks timestamp ties by value: the order is total, so replicas that saw the same writes in any
// order hold the same item, which is what anti-entropy's convergence needs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "protocols/common/sync_gate.h"
#include "sim/base/node_id.h"
#include "sim/env/storage.h"

namespace faultline::replication {

// A version: the put's timestamp (ns of the coordinator's clock, or a logical counter with
// timestamps quorum_read) and the coordinator that chose it.
struct Version {
  int64_t timestamp = 0;
  uint32_t writer = 0;  // server number; 0 only in the absent item
  auto operator<=>(const Version&) const = default;
};

struct Item {
  Version version;
  std::string value;
  // Last writer wins: the greater (timestamp, writer, value).
  auto operator<=>(const Item&) const = default;
};

// Whether `candidate` supersedes `held` (an absent item is superseded by any item).
bool is_newer(const Item& candidate, const std::optional<Item>& held);

class LeaderlessStore {
 public:
  explicit LeaderlessStore(Storage& storage) : storage_(storage), gate_(storage) {}

  // Loads every `kv/` record (restart: only what was synced is there).
  void load();
  // Installs `item` if it is newer than what `key` holds (buffered: durable after the gate's next
  // sync). Returns whether it was installed.
  bool install(const std::string& key, const Item& item);
  std::optional<Item> get(std::string_view key) const;
  const std::map<std::string, Item, std::less<>>& items() const { return items_; }

  bool has_member_marker() const;
  common::SyncGate& sync_gate() { return gate_; }

 private:
  Storage& storage_;
  common::SyncGate gate_;
  std::map<std::string, Item, std::less<>> items_;
};

// "kv/<key>" = "<timestamp> <writer> <value>" (the value is the rest of the record).
std::string encode_item(const Item& item);
std::optional<Item> decode_item(std::string_view text);

}  // namespace faultline::replication
