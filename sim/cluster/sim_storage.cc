// File: sim_storage.cc
// Buffered writes, syncs that make a prefix of them durable (or fail on a full disk), crash
// semantics with torn last writes, recovery by checksum, corruption and wipes.
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
  schedule_completion_(op, pending_.size() - already_covered);
  return op;
}

uint64_t SimStorage::durable_bytes_after(size_t covered) const {
  // The size each touched key would have (nullopt: absent), applying the writes in order.
  std::map<std::string_view, std::optional<uint64_t>> touched;
  for (size_t i = 0; i < covered; ++i) {
    const PendingWrite& write = pending_[i];
    touched[write.key] = write.value
                             ? std::optional<uint64_t>(write.key.size() + write.value->size())
                             : std::nullopt;
  }
  uint64_t bytes = durable_bytes_;
  for (const auto& [key, size] : touched) {
    auto current = durable_.find(key);
    if (current != durable_.end()) {
      bytes -= current->first.size() + current->second.size();
    }
    bytes += size.value_or(0);
  }
  return bytes;
}

StorageStatus SimStorage::complete_sync(StorageOpId op) {
  FL_CHECK(!syncs_.empty() && syncs_.front().op == op, "sync {} completed out of order", op);
  size_t covered = syncs_.front().covered_writes;
  syncs_.pop_front();
  if (full_ || (capacity_bytes_ != 0 && durable_bytes_after(covered) > capacity_bytes_)) {
    // The writes stay buffered: the later syncs, which cover them too, may still succeed.
    return StorageStatus::no_space;
  }
  for (size_t i = 0; i < covered; ++i) {
    make_durable(pending_.front());
    pending_.pop_front();
  }
  for (PendingSync& later : syncs_) {
    later.covered_writes -= covered;
  }
  FL_CHECK(capacity_bytes_ == 0 || durable_bytes_ <= capacity_bytes_,
           "durable bytes {} above capacity {}", durable_bytes_, capacity_bytes_);
  return StorageStatus::ok;
}

void SimStorage::make_durable(PendingWrite& write) {
  auto overlay = overlay_.find(write.key);
  FL_CHECK(overlay != overlay_.end() && overlay->second.pending_writes > 0,
           "pending write of '{}' missing from the overlay", write.key);
  if (--overlay->second.pending_writes == 0) {
    overlay_.erase(overlay);
  }
  // A newer record of the key supersedes a corrupted one.
  if (!corrupted_.empty()) {
    corrupted_.erase(write.key);
  }
  auto position = durable_.lower_bound(write.key);
  bool present = position != durable_.end() && position->first == write.key;
  if (present) {
    durable_bytes_ -= position->first.size() + position->second.size();
  }
  if (!write.value) {
    if (present) {
      durable_.erase(position);
    }
    return;
  }
  durable_bytes_ += write.key.size() + write.value->size();
  if (present) {
    position->second = std::move(*write.value);
  } else {
    durable_.emplace_hint(position, std::move(write.key), std::move(*write.value));
  }
}

std::optional<SimStorage::Record> SimStorage::last_unsynced_record() const {
  if (pending_.empty()) {
    return std::nullopt;
  }
  const PendingWrite& last = pending_.back();
  return Record{last.key, last.key.size(), last.value ? last.value->size() : 0};
}

void SimStorage::crash(bool lose_unsynced, bool tear_last) {
  FL_CHECK(!tear_last || !pending_.empty(), "tearing a write with nothing unsynced");
  if (tear_last) {
    torn_key_ = pending_.back().key;
    pending_.pop_back();
  }
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

std::optional<std::string> SimStorage::recover() {
  FL_CHECK(pending_.empty() && overlay_.empty() && syncs_.empty(), "recovery with unsynced writes");
  // Assert in pairs (STYLE.md 6): the byte count kept on every durable write matches the records.
  uint64_t bytes = 0;
  for (const auto& [key, value] : durable_) {
    bytes += key.size() + value.size();
  }
  FL_CHECK(bytes == durable_bytes_, "durable bytes {} but records hold {}", durable_bytes_, bytes);
  recovered_corrupted_.assign(corrupted_.begin(), corrupted_.end());
  for (const std::string& key : recovered_corrupted_) {
    if (auto record = durable_.find(key); record != durable_.end()) {
      durable_bytes_ -= record->first.size() + record->second.size();
      durable_.erase(record);
    }
  }
  std::optional<std::string> torn = std::move(torn_key_);
  torn_key_.reset();
  return torn;
}

void SimStorage::wipe() {
  FL_CHECK(pending_.empty() && syncs_.empty(), "wiping a disk that is in use");
  durable_.clear();
  durable_bytes_ = 0;
  corrupted_.clear();
  recovered_corrupted_.clear();
  torn_key_.reset();
}

void SimStorage::corrupt(const std::string& key) {
  FL_CHECK(durable_.contains(key) && !corrupted_.contains(key),
           "corrupting '{}', which has no intact durable record", key);
  corrupted_.insert(key);
}

std::vector<std::string> SimStorage::intact_durable_keys() const {
  std::vector<std::string> keys;
  keys.reserve(durable_.size());
  for (const auto& [key, value] : durable_) {
    if (!corrupted_.contains(key)) {
      keys.push_back(key);
    }
  }
  return keys;
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
