// File: sim_storage.h
// A node's simulated disk behind the Storage interface. Owns the durability invariant: after a
// crash, the node sees exactly the writes covered by completed syncs (or, when the disk model keeps
// unsynced writes, everything written).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/env/storage.h"

namespace faultline {

class SimStorage final : public Storage {
 public:
  // `schedule_completion` is called for every sync() so that the owner can schedule the
  // completion event (after the disk's sync latency).
  explicit SimStorage(std::function<void(StorageOpId)> schedule_completion)
      : schedule_completion_(std::move(schedule_completion)) {}

  void put(std::string_view key, std::string value) override;
  void erase(std::string_view key) override;
  void erase_range(std::string_view from, std::string_view to) override;
  StorageOpId sync() override;
  std::optional<std::string> get(std::string_view key) const override;
  // The durable map itself while nothing is unsynced (always the case right after a restart,
  // when protocols recover); otherwise a merged copy.
  const std::map<std::string, std::string, std::less<>>& contents() const override;

  // Called by the node when the sync `op` completes: every write issued before that sync becomes
  // durable. Syncs complete in issue order.
  void complete_sync(StorageOpId op);
  bool is_next_sync(StorageOpId op) const { return !syncs_.empty() && syncs_.front().op == op; }
  // Crash: forget unsynced writes (lose_unsynced) or keep everything; pending syncs are void.
  void crash(bool lose_unsynced);
  // Number of buffered writes not yet covered by a completed sync.
  size_t unsynced_writes() const { return pending_.size(); }
  const std::map<std::string, std::string, std::less<>>& durable() const { return durable_; }

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

  // Memory matters here (a long run keeps every log entry): the durable map holds each value
  // once, and only unsynced writes are held a second time, in the overlay.
  std::map<std::string, std::string, std::less<>> durable_;
  std::map<std::string, Overlay, std::less<>> overlay_;
  mutable std::map<std::string, std::string, std::less<>> merged_;
  std::deque<PendingWrite> pending_;
  std::deque<PendingSync> syncs_;
  StorageOpId next_op_ = 1;
  std::function<void(StorageOpId)> schedule_completion_;
};

}  // namespace faultline
