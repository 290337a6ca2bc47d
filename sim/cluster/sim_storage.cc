// File: sim_storage.cc
// Buffered writes, syncs that make a prefix of them durable, and crash semantics.
#include "sim/cluster/sim_storage.h"

#include <algorithm>

#include "sim/base/check.h"

namespace faultline {

void SimStorage::buffer_write(std::string_view key, std::optional<std::string> value) {
  auto position = overlay_.find(key);
  if (position == overlay_.end()) {
    position = overlay_.emplace(std::string(key), Overlay{}).first;
  }
  position->second.value = value;
  ++position->second.pending_writes;
  pending_.push_back(PendingWrite{std::string(key), std::move(value)});
}

void SimStorage::put(std::string_view key, std::string value) {
  buffer_write(key, std::move(value));
}

void SimStorage::erase(std::string_view key) {
  buffer_write(key, std::nullopt);
}

void SimStorage::erase_range(std::string_view from, std::string_view to) {
  FL_CHECK(from <= to, "erase_range with from > to");
  std::vector<std::string> keys;
  for (auto it = durable_.lower_bound(from); it != durable_.end() && it->first < to; ++it) {
    keys.push_back(it->first);
  }
  for (auto it = overlay_.lower_bound(from); it != overlay_.end() && it->first < to; ++it) {
    if (it->second.value && !durable_.contains(it->first)) {
      keys.push_back(it->first);
    }
  }
  std::sort(keys.begin(), keys.end());  // a defined order for the write log
  for (const std::string& key : keys) {
    auto overlay = overlay_.find(key);
    bool present =
        overlay != overlay_.end() ? overlay->second.value.has_value() : durable_.contains(key);
    if (present) {
      erase(key);
    }
  }
}

StorageOpId SimStorage::sync() {
  size_t already_covered = syncs_.empty() ? 0 : syncs_.back().covered_writes;
  FL_CHECK(already_covered <= pending_.size(), "sync covers more writes than pending");
  StorageOpId op = next_op_++;
  syncs_.push_back(PendingSync{op, pending_.size()});
  schedule_completion_(op);
  return op;
}

void SimStorage::complete_sync(StorageOpId op) {
  FL_CHECK(!syncs_.empty() && syncs_.front().op == op, "sync {} completed out of order", op);
  size_t covered = syncs_.front().covered_writes;
  syncs_.pop_front();
  for (size_t i = 0; i < covered; ++i) {
    make_durable(pending_.front());
    pending_.pop_front();
  }
  for (PendingSync& later : syncs_) {
    later.covered_writes -= covered;
  }
}

void SimStorage::make_durable(PendingWrite& write) {
  auto overlay = overlay_.find(write.key);
  FL_CHECK(overlay != overlay_.end() && overlay->second.pending_writes > 0,
           "pending write of '{}' missing from the overlay", write.key);
  if (--overlay->second.pending_writes == 0) {
    overlay_.erase(overlay);
  }
  if (write.value) {
    durable_.insert_or_assign(std::move(write.key), std::move(*write.value));
  } else {
    durable_.erase(write.key);
  }
}

void SimStorage::crash(bool lose_unsynced) {
  if (!lose_unsynced) {
    while (!pending_.empty()) {
      make_durable(pending_.front());
      pending_.pop_front();
    }
  }
  pending_.clear();
  overlay_.clear();
  syncs_.clear();
}

std::optional<std::string> SimStorage::get(std::string_view key) const {
  auto overlay = overlay_.find(key);
  if (overlay != overlay_.end()) {
    return overlay->second.value;
  }
  auto position = durable_.find(key);
  if (position == durable_.end()) {
    return std::nullopt;
  }
  return position->second;
}

const std::map<std::string, std::string, std::less<>>& SimStorage::contents() const {
  if (overlay_.empty()) {
    return durable_;
  }
  merged_ = durable_;
  for (const auto& [key, overlay] : overlay_) {
    if (overlay.value) {
      merged_.insert_or_assign(key, *overlay.value);
    } else {
      merged_.erase(key);
    }
  }
  return merged_;
}

}  // namespace faultline
