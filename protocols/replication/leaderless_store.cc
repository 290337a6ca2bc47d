// File: leaderless_store.cc
// Installing newer items, the record encoding and recovery.
#include "protocols/replication/leaderless_store.h"

#include <charconv>

#include <fmt/format.h>

#include "protocols/common/storage_keys.h"
#include "sim/base/check.h"

namespace faultline::replication {
namespace {

constexpr std::string_view item_prefix = "kv/";

// Parses a decimal integer at the start of `text` and the one space after it.
template <typename Integer>
bool take_number(std::string_view& text, Integer& out) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (error != std::errc() || end == text.data() + text.size() || *end != ' ') {
    return false;
  }
  text.remove_prefix(static_cast<size_t>(end - text.data()) + 1);
  return true;
}

}  // namespace

bool is_newer(const Item& candidate, const std::optional<Item>& held) {
  return !held || candidate > *held;
}

std::string encode_item(const Item& item) {
  return fmt::format("{} {} {}", item.version.timestamp, item.version.writer, item.value);
}

std::optional<Item> decode_item(std::string_view text) {
  Item item;
  if (!take_number(text, item.version.timestamp) || !take_number(text, item.version.writer)) {
    return std::nullopt;
  }
  item.value = std::string(text);
  return item;
}

void LeaderlessStore::load() {
  items_.clear();
  for (const auto& [key, record] : storage_.contents()) {
    if (!key.starts_with(item_prefix)) {
      continue;
    }
    std::optional<Item> item = decode_item(record);
    FL_CHECK(item.has_value(), "undecodable record {} = '{}'", key, record);
    items_.emplace(key.substr(item_prefix.size()), std::move(*item));
  }
}

bool LeaderlessStore::install(const std::string& key, const Item& item) {
  FL_CHECK(item.version.writer != 0, "installing an item without a writer for {}", key);
  auto held = items_.find(key);
  if (held != items_.end() && !(item > held->second)) {
    return false;
  }
  storage_.put(fmt::format("{}{}", item_prefix, key), encode_item(item));
  gate_.mark_dirty();
  items_[key] = item;
  return true;
}

std::optional<Item> LeaderlessStore::get(std::string_view key) const {
  auto held = items_.find(key);
  if (held == items_.end()) {
    return std::nullopt;
  }
  return held->second;
}

bool LeaderlessStore::has_member_marker() const {
  return common::has_member_marker(storage_);
}

}  // namespace faultline::replication
