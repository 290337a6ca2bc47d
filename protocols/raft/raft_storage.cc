// File: raft_storage.cc
// Persistent state layout.
#include "protocols/raft/raft_storage.h"

#include <charconv>

#include <fmt/format.h>

#include "protocols/common/storage_keys.h"
#include "sim/base/check.h"

namespace faultline::raft {
namespace {

constexpr std::string_view log_prefix = "log/";

uint64_t parse_decimal(std::string_view key, std::string_view text) {
  uint64_t value = 0;
  auto [ptr, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  FL_CHECK(error == std::errc() && ptr == text.data() + text.size(),
           "storage key '{}' holds '{}', not a decimal number", key, text);
  return value;
}

}  // namespace

std::string RaftStorage::log_key(uint64_t index) {
  return common::indexed_key(log_prefix, index);
}

bool RaftStorage::has_member_marker() const {
  return common::has_member_marker(storage_);
}

RecoveredState RaftStorage::load() const {
  RecoveredState state;
  if (std::optional<std::string> term = storage_.get("term")) {
    state.current_term = parse_decimal("term", *term);
  }
  if (std::optional<std::string> voted_for = storage_.get("voted_for")) {
    state.voted_for = NodeId{static_cast<uint32_t>(parse_decimal("voted_for", *voted_for))};
  }
  // Only synced writes survive a crash, but a disk model may keep some unsynced ones too; an
  // unsynced entry was never acknowledged, so recovery keeps the well-formed prefix (contiguous
  // from 1, terms non-decreasing and <= currentTerm) and forgets the rest.
  const auto& contents = storage_.contents();
  for (auto it = contents.lower_bound(log_prefix);
       it != contents.end() && it->first.starts_with(log_prefix); ++it) {
    uint64_t index = parse_decimal(it->first, std::string_view(it->first).substr(4));
    std::optional<LogEntry> entry = decode_entry(it->second);
    FL_CHECK(entry.has_value(), "storage key '{}' holds a malformed entry '{}'", it->first,
             it->second);
    uint64_t previous_term = state.entries.empty() ? 0 : state.entries.back().term;
    if (index != state.entries.size() + 1 || entry->term > state.current_term ||
        entry->term < previous_term) {
      state.discarded_from = state.entries.size() + 1;
      break;
    }
    state.entries.push_back(std::move(*entry));
  }
  return state;
}

void RaftStorage::save_hard_state(uint64_t current_term, NodeId voted_for) {
  storage_.put("term", fmt::format("{}", current_term));
  storage_.put("voted_for", fmt::format("{}", voted_for.value));
  gate_.mark_dirty();
}

void RaftStorage::save_entry(uint64_t index, const LogEntry& entry) {
  std::string bytes = encode_entry(entry);
  // Assert in pairs (STYLE.md 6): what load() will decode is what we meant to write.
  std::optional<LogEntry> round_trip = decode_entry(bytes);
  FL_CHECK(round_trip.has_value() && *round_trip == entry, "entry {} does not round-trip: '{}'",
           index, bytes);
  storage_.put(log_key(index), std::move(bytes));
  gate_.mark_dirty();
}

void RaftStorage::erase_entries(uint64_t from, uint64_t last_index) {
  FL_CHECK(from >= 1 && from <= last_index, "erase [{}, {}]", from, last_index);
  storage_.erase_range(log_key(from), log_key(last_index + 1));
  gate_.mark_dirty();
}

void RaftStorage::erase_log_from(uint64_t from) {
  storage_.erase_range(log_key(from), "log0");  // '0' sorts right after '/': the end of "log/"
  gate_.mark_dirty();
}

}  // namespace faultline::raft
