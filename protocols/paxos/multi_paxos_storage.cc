// File: multi_paxos_storage.cc
// Record formats of Multi-Paxos's stable storage.
#include "protocols/paxos/multi_paxos_storage.h"

#include <charconv>

#include <fmt/format.h>

#include "protocols/common/storage_keys.h"
#include "sim/base/check.h"

namespace faultline::paxos::multi {
namespace {

constexpr std::string_view accepted_prefix = "accepted/";
constexpr std::string_view chosen_prefix = "chosen/";

std::optional<uint64_t> parse_number(std::string_view text) {
  uint64_t value = 0;
  auto [ptr, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || ptr != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// "<encoded ballot> <command bytes>"
std::optional<AcceptedValue> parse_accepted(std::string_view bytes) {
  size_t space = bytes.find(' ');
  if (space == std::string_view::npos) {
    return std::nullopt;
  }
  std::optional<uint64_t> ballot = parse_number(bytes.substr(0, space));
  std::optional<Command> command = decode_command(bytes.substr(space + 1));
  if (!ballot || !command) {
    return std::nullopt;
  }
  return AcceptedValue{Ballot::decode(*ballot), std::move(*command)};
}

}  // namespace

std::string MultiPaxosStorage::accepted_key(uint64_t slot) {
  return common::indexed_key(accepted_prefix, slot);
}

std::string MultiPaxosStorage::chosen_key(uint64_t slot) {
  return common::indexed_key(chosen_prefix, slot);
}

bool MultiPaxosStorage::has_member_marker() const {
  return common::has_member_marker(storage_);
}

RecoveredState MultiPaxosStorage::load() const {
  RecoveredState state;
  state.damaged = !storage_.corrupted_keys().empty();
  for (const auto& [key, bytes] : storage_.contents()) {
    std::string_view name = key;
    if (name == "promised") {
      std::optional<uint64_t> encoded = parse_number(bytes);
      state.damaged = state.damaged || !encoded;
      state.promised = Ballot::decode(encoded.value_or(0));
    } else if (name.starts_with(accepted_prefix)) {
      std::optional<uint64_t> slot = parse_number(name.substr(accepted_prefix.size()));
      std::optional<AcceptedValue> accepted = parse_accepted(bytes);
      state.damaged = state.damaged || !slot || !accepted;
      if (slot && accepted) {
        state.accepted[*slot] = std::move(*accepted);
      }
    } else if (name.starts_with(chosen_prefix)) {
      std::optional<uint64_t> slot = parse_number(name.substr(chosen_prefix.size()));
      std::optional<Command> command = decode_command(bytes);
      state.damaged = state.damaged || !slot || !command;
      if (slot && command) {
        state.chosen[*slot] = std::move(*command);
      }
    }
  }
  return state;
}

void MultiPaxosStorage::save_promised(Ballot promised) {
  storage_.put("promised", fmt::format("{}", promised.encode()));
  gate_.mark_dirty();
}

void MultiPaxosStorage::save_accepted(uint64_t slot, const AcceptedValue& accepted) {
  std::string bytes =
      fmt::format("{} {}", accepted.ballot.encode(), encode_command(accepted.command));
  // Assert in pairs (STYLE.md 6): what load() will parse is what we meant to write.
  std::optional<AcceptedValue> round_trip = parse_accepted(bytes);
  FL_CHECK(round_trip && round_trip->ballot == accepted.ballot &&
               round_trip->command == accepted.command,
           "accepted slot {} does not round-trip: '{}'", slot, bytes);
  storage_.put(accepted_key(slot), std::move(bytes));
  gate_.mark_dirty();
}

void MultiPaxosStorage::save_chosen(uint64_t slot, const Command& command) {
  storage_.put(chosen_key(slot), encode_command(command));
  gate_.mark_dirty();
}

}  // namespace faultline::paxos::multi
