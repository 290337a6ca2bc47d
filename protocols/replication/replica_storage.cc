// File: replica_storage.cc
#include "protocols/replication/replica_storage.h"

#include <charconv>

#include <fmt/format.h>

#include "protocols/common/storage_keys.h"
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
  return common::indexed_key("log/", index);
}

// Unlike Raft's and Multi-Paxos's marker (SyncGate::save_member_marker), this one is an ordinary
// write that the first gated action's sync covers.
void ReplicaStorage::save_member_marker() {
  storage_.put(common::member_key, "1");
  gate_.mark_dirty();
}

bool ReplicaStorage::has_member_marker() const {
  return common::has_member_marker(storage_);
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
  gate_.mark_dirty();
}

void ReplicaStorage::save_entry(uint64_t index, const ReplicaEntry& entry) {
  storage_.put(log_key(index), encode_entry(entry));
  gate_.mark_dirty();
}

void ReplicaStorage::save_commit(uint64_t commit_index) {
  storage_.put("commit", fmt::format("{}", commit_index));
}

void ReplicaStorage::erase_entries(uint64_t from, uint64_t last_index) {
  if (from > last_index) {
    return;
  }
  storage_.erase_range(log_key(from), log_key(last_index + 1));
  gate_.mark_dirty();
}

}  // namespace faultline::replication
