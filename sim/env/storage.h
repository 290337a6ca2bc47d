// File: storage.h
// A node's durable storage as a protocol sees it: an ordered key-value store whose writes reach
// the disk only when a sync completes. Reads see every write (synced or not) until a crash; after
// a crash and restart only what was synced is there (unless the disk model keeps more). This is
// what lets a protocol honour "persist before you answer" (Raft paper, Figure 2).
//
// Conceptually the disk is a log of checksummed records. A record torn by a crash, or corrupted
// later, fails its checksum at recovery and is discarded: a torn one leaves the key at its previous
// durable value; a corrupted one is reported in corrupted_keys() and its key is absent.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faultline {

using StorageOpId = uint64_t;

// How a sync ended. no_space: the disk is full; the writes it covered are NOT durable (they stay
// buffered: readable, lost by a crash). A protocol should treat it as fatal (fail-stop), as etcd
// and PostgreSQL do after an fsync error, because it cannot know what reached the disk.
enum class StorageStatus { ok, no_space };

class Storage {
 public:
  virtual ~Storage() = default;

  // Buffers a write of `value` under `key` (takes effect for reads at once; durable after the
  // next completed sync).
  virtual void put(std::string_view key, std::string value) = 0;
  // Buffers the removal of `key`.
  virtual void erase(std::string_view key) = 0;
  // Erases every key in [from, to) in key order.
  virtual void erase_range(std::string_view from, std::string_view to) = 0;
  // Asks for every buffered write to become durable. The protocol's on_storage_complete(op,
  // status) is called with the returned id once they are (after the disk's sync latency), or with
  // StorageStatus::no_space when they could not be. Completions arrive in the order the syncs were
  // issued.
  virtual StorageOpId sync() = 0;

  virtual std::optional<std::string> get(std::string_view key) const = 0;
  // The whole current contents in key order (for recovery after restart).
  virtual const std::map<std::string, std::string, std::less<>>& contents() const = 0;
  // Keys whose durable record failed its checksum when this boot recovered the disk, in key
  // order. Their values are lost: they are in neither contents() nor get(). Empty on a clean disk.
  virtual const std::vector<std::string>& corrupted_keys() const = 0;
};

}  // namespace faultline
