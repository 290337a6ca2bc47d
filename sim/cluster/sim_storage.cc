// File: sim_storage.cc
// Buffered writes, syncs that make a prefix of them durable, and crash semantics.
#include "sim/cluster/sim_storage.h"

#include "sim/base/check.h"

namespace faultline {

void SimStorage::apply(std::map<std::string, std::string, std::less<>>& target,
                       const PendingWrite& write) {
  if (write.value) {
    target.insert_or_assign(write.key, *write.value);
  } else {
    auto position = target.find(write.key);
    if (position != target.end()) {
      target.erase(position);
    }
  }
}

void SimStorage::put(std::string_view key, std::string value) {
  current_.insert_or_assign(std::string(key), value);
  pending_.push_back(PendingWrite{std::string(key), std::move(value)});
}

void SimStorage::erase(std::string_view key) {
  auto position = current_.find(key);
  if (position != current_.end()) {
    current_.erase(position);
  }
  pending_.push_back(PendingWrite{std::string(key), std::nullopt});
}

void SimStorage::erase_range(std::string_view from, std::string_view to) {
  FL_CHECK(from <= to, "erase_range with from > to");
  auto begin = current_.lower_bound(from);
  auto end = current_.lower_bound(to);
  std::vector<std::string> keys;
  for (auto position = begin; position != end; ++position) {
    keys.push_back(position->first);
  }
  for (const std::string& key : keys) {
    erase(key);
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
    apply(durable_, pending_.front());
    pending_.pop_front();
  }
  for (PendingSync& later : syncs_) {
    later.covered_writes -= covered;
  }
}

void SimStorage::crash(bool lose_unsynced) {
  if (lose_unsynced) {
    current_ = durable_;
  } else {
    durable_ = current_;
  }
  pending_.clear();
  syncs_.clear();
}

std::optional<std::string> SimStorage::get(std::string_view key) const {
  auto position = current_.find(key);
  if (position == current_.end()) {
    return std::nullopt;
  }
  return position->second;
}

}  // namespace faultline
