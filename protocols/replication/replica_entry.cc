// File: replica_entry.cc
#include "protocols/replication/replica_entry.h"

#include <charconv>

#include <fmt/format.h>

namespace faultline::replication {
namespace {

// Reads a decimal integer up to the next space (consumed); nullopt if there is none.
template <typename Integer>
std::optional<Integer> read_number(std::string_view& text) {
  Integer value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end == text.data()) {
    return std::nullopt;
  }
  text.remove_prefix(static_cast<size_t>(end - text.data()));
  if (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  return value;
}

// Reads "<length>:<bytes>".
std::optional<std::string> read_sized(std::string_view& text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view length_text = text.substr(0, colon);
  std::optional<size_t> length = read_number<size_t>(length_text);
  if (!length || !length_text.empty() || text.size() - colon - 1 < *length) {
    return std::nullopt;
  }
  std::string bytes(text.substr(colon + 1, *length));
  text.remove_prefix(colon + 1 + *length);
  return bytes;
}

}  // namespace

std::string encode_entry(const ReplicaEntry& entry) {
  return fmt::format("{} {} {} {} {} {} {}:{}{}:{}", entry.epoch, entry.optime, entry.version,
                     entry.op == KvOp::put ? "put" : "get", entry.client.value, entry.request_id,
                     entry.key.size(), entry.key, entry.value.size(), entry.value);
}

std::optional<ReplicaEntry> decode_entry(std::string_view text) {
  ReplicaEntry entry;
  auto epoch = read_number<uint64_t>(text);
  auto optime = read_number<int64_t>(text);
  auto version = read_number<int64_t>(text);
  if (!epoch || !optime || !version) {
    return std::nullopt;
  }
  if (text.starts_with("put ")) {
    entry.op = KvOp::put;
  } else if (text.starts_with("get ")) {
    entry.op = KvOp::get;
  } else {
    return std::nullopt;
  }
  text.remove_prefix(4);
  auto client = read_number<uint32_t>(text);
  auto request_id = read_number<uint64_t>(text);
  auto key = client && request_id ? read_sized(text) : std::nullopt;
  auto value = key ? read_sized(text) : std::nullopt;
  if (!value || !text.empty()) {
    return std::nullopt;
  }
  entry.epoch = *epoch;
  entry.optime = *optime;
  entry.version = *version;
  entry.client = NodeId{*client};
  entry.request_id = *request_id;
  entry.key = std::move(*key);
  entry.value = std::move(*value);
  return entry;
}

int64_t effect_digest(KvOp op, std::string_view key, std::string_view value, int64_t version) {
  uint64_t hash = 0xcbf29ce484222325ull;
  auto mix = [&hash](std::string_view bytes) {
    for (char byte : bytes) {
      hash = (hash ^ static_cast<unsigned char>(byte)) * 0x100000001b3ull;
    }
    hash = (hash ^ 0xff) * 0x100000001b3ull;  // separator, so "ab"+"c" differs from "a"+"bc"
  };
  mix(op == KvOp::put ? "put" : "get");
  mix(key);
  if (op == KvOp::put) {
    mix(value);
    mix(fmt::format("{}", version));
  }
  return static_cast<int64_t>(hash >> 1);
}

}  // namespace faultline::replication
