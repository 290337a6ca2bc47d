// File: sim_storage.h
// A node's simulated disk behind the Storage interface: conceptually a log of checksummed records
// (one per write). Owns the durability invariants: after a crash, recovery finds exactly the writes
// covered by completed syncs (or, when the disk keeps unsynced writes, everything written), minus
// records that fail their checksum: a torn last write (discarded, so its key keeps its previous
// durable value) and corrupted records (hidden and reported by corrupted_keys()). The policy
// decisions (when syncs complete, whether and how a write tears, which records rot) come from
// models/disk through the owner; this class only applies them.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/env/storage.h"

namespace faultline {

class SimStorage final : public Storage {
 public:
  // `schedule_completion(op, new_writes)` is called for every sync() so that the owner can
  // schedule its completion; `new_writes` counts the writes no earlier sync covers.
  // `capacity_bytes`: bytes of durable keys plus values the disk holds; 0 = unlimited.
  explicit SimStorage(std::function<void(StorageOpId, uint64_t)> schedule_completion,
                      uint64_t capacity_bytes = 0)
      : schedule_completion_(std::move(schedule_completion)), capacity_bytes_(capacity_bytes) {}

  void put(std::string_view key, std::string value) override;
  void erase(std::string_view key) override;
  void erase_range(std::string_view from, std::string_view to) override;
  StorageOpId sync() override;
  std::optional<std::string> get(std::string_view key) const override;
  // The durable map itself while nothing is unsynced (always the case right after a restart,
  // when protocols recover); otherwise a merged copy.
  const std::map<std::string, std::string, std::less<>>& contents() const override;
  const std::vector<std::string>& corrupted_keys() const override { return recovered_corrupted_; }

  // Called by the node when the sync `op` completes. ok: every write issued before that sync
  // becomes durable. no_space (the disk is full, or the writes would exceed the capacity): none
  // does; they stay buffered (readable, covered again by the next sync, lost by a crash). Syncs
  // complete in issue order.
  StorageStatus complete_sync(StorageOpId op);
  bool is_next_sync(StorageOpId op) const { return !syncs_.empty() && syncs_.front().op == op; }
  // A full disk fails every sync until set_full(false).
  void set_full(bool full) { full_ = full; }
  bool full() const { return full_; }

  // The last write not covered by a completed sync, as a record: its key and its size on disk
  // (key plus value; 0 value bytes for an erase). Nullopt when everything is synced.
  struct Record {
    std::string key;
    uint64_t key_bytes = 0;
    uint64_t value_bytes = 0;
  };
  std::optional<Record> last_unsynced_record() const;
  // Crash: pending syncs are void. With `tear_last`, the last unsynced write reaches the disk only
  // in part (recovery will discard it); the other unsynced writes are forgotten (lose_unsynced)
  // or all made durable.
  void crash(bool lose_unsynced, bool tear_last = false);
  // Recovery, at boot: discards the torn record (returned: its key) and hides every corrupted
  // record, which corrupted_keys() then reports.
  std::optional<std::string> recover();
  // Erases the whole disk (durable records, corruption marks, a torn record); the node must be
  // down.
  void wipe();
  // Marks the durable record of `key` corrupted: the next recovery finds its checksum wrong. A
  // later durable write of the key (a newer record) supersedes it.
  void corrupt(const std::string& key);
  // Durable keys whose record is intact, in key order (the candidates for corruption).
  std::vector<std::string> intact_durable_keys() const;

  // Number of buffered writes not yet covered by a completed sync.
  size_t unsynced_writes() const { return pending_.size(); }
  const std::map<std::string, std::string, std::less<>>& durable() const { return durable_; }
  uint64_t durable_bytes() const { return durable_bytes_; }

 private:
  struct PendingWrite {
    std::string key;
    std::optional<std::string> value;  // nullopt: erase
  };
  struct PendingSync {
    StorageOpId op;
    size_t covered_writes;  // writes in pending_ (from its front) that this sync makes durable
  };
  // The newest unsynced value of a key, and how many unsynced writes of that key are pending.
  struct Overlay {
    std::optional<std::string> value;  // nullopt: erased
    uint32_t pending_writes = 0;
  };
  void buffer_write(std::string_view key, std::optional<std::string> value);
  void make_durable(PendingWrite& write);
  // Durable bytes once the first `covered` pending writes are applied.
  uint64_t durable_bytes_after(size_t covered) const;

  // Memory matters here (a long run keeps every log entry): the durable map holds each value
  // once, and only unsynced writes are held a second time, in the overlay.
  std::map<std::string, std::string, std::less<>> durable_;
  uint64_t durable_bytes_ = 0;  // sum of key and value sizes over durable_
  std::map<std::string, Overlay, std::less<>> overlay_;
  mutable std::map<std::string, std::string, std::less<>> merged_;
  std::deque<PendingWrite> pending_;
  std::deque<PendingSync> syncs_;
  // Keys whose newest durable record is corrupted (kept across recoveries until superseded).
  std::set<std::string, std::less<>> corrupted_;
  std::vector<std::string> recovered_corrupted_;  // corrupted_ as the last recovery found it
  std::optional<std::string> torn_key_;           // a torn record awaiting recovery
  bool full_ = false;
  StorageOpId next_op_ = 1;
  std::function<void(StorageOpId, uint64_t)> schedule_completion_;
  uint64_t capacity_bytes_;
};

}  // namespace faultline
