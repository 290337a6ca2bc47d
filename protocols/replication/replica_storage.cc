// File: replica_storage.cc
#include "protocols/replication/replica_storage.h"

#include <charconv>

#include <fmt/format.h>

#include "sim/base/check.h"

namespace faultline::replication {
namespace {

uint64_t read_decimal(const Storage& storage, std::string_view key) {
  std::optional<std::string> text = storage.get(key);
  uint64_t value = 0;
  if (text) {
    std::from_chars(text->data(), text->data() + text->size(), value);
  }
  return value;
}

}  // namespace

std::string ReplicaStorage::log_key(uint64_t index) {
  return fmt::format("log/{:020}", index);
}

void ReplicaStorage::save_member_marker() {
  storage_.put("member", "1");
  dirty_ = true;
}

bool ReplicaStorage::has_member_marker() const {
  return storage_.get("member").has_value();
}

RecoveredReplica ReplicaStorage::load() const {
  RecoveredReplica state;
  state.epoch = read_decimal(storage_, "epoch");
  state.log_epoch = read_decimal(storage_, "log_epoch");
  state.commit_index = read_decimal(storage_, "commit");
  for (uint64_t index = 1;; ++index) {
    std::optional<std::string> text = storage_.get(log_key(index));
    std::optional<ReplicaEntry> entry = text ? decode_entry(*text) : std::nullopt;
    if (!entry) {
      break;
    }
    state.log.push_back(std::move(*entry));
  }
  return state;
}

void ReplicaStorage::save_epochs(uint64_t epoch, uint64_t log_epoch) {
  storage_.put("epoch", fmt::format("{}", epoch));
  storage_.put("log_epoch", fmt::format("{}", log_epoch));
  dirty_ = true;
}

void ReplicaStorage::save_entry(uint64_t index, const ReplicaEntry& entry) {
  storage_.put(log_key(index), encode_entry(entry));
  dirty_ = true;
}

void ReplicaStorage::save_commit(uint64_t commit_index) {
  storage_.put("commit", fmt::format("{}", commit_index));
}

void ReplicaStorage::erase_entries(uint64_t from, uint64_t last_index) {
  if (from > last_index) {
    return;
  }
  storage_.erase_range(log_key(from), log_key(last_index + 1));
  dirty_ = true;
}

bool ReplicaStorage::after_sync(std::function<void()> action) {
  if (dirty_) {
    dirty_ = false;
    storage_.sync();
    ++syncs_issued_;
  }
  if (syncs_completed_ == syncs_issued_) {
    action();
    return true;
  }
  if (held_.size() >= max_held_actions) {
    return false;
  }
  held_.push_back(HeldAction{syncs_issued_, std::move(action)});
  return true;
}

std::vector<std::function<void()>> ReplicaStorage::on_sync_complete() {
  FL_CHECK(syncs_completed_ < syncs_issued_, "a sync completed that was never issued");
  ++syncs_completed_;
  std::vector<std::function<void()>> ready;
  while (!held_.empty() && held_.front().sync_number <= syncs_completed_) {
    ready.push_back(std::move(held_.front().action));
    held_.pop_front();
  }
  return ready;
}

}  // namespace faultline::replication
