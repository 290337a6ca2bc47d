// File: log_entry.cc
// Encoding, decoding and digests of log entries.
#include "protocols/raft/log_entry.h"

#include <charconv>

#include <fmt/format.h>

#include "sim/base/check.h"
#include "sim/base/rng.h"

namespace faultline::raft {
namespace {

constexpr int64_t digest_mask = 0x7fffffffffffffffll;

// Reads a decimal number followed by `terminator` from the front of `bytes`.
std::optional<uint64_t> take_number(std::string_view& bytes, char terminator) {
  size_t end = bytes.find(terminator);
  if (end == std::string_view::npos || end == 0) {
    return std::nullopt;
  }
  uint64_t value = 0;
  auto [ptr, error] = std::from_chars(bytes.data(), bytes.data() + end, value);
  if (error != std::errc() || ptr != bytes.data() + end) {
    return std::nullopt;
  }
  bytes.remove_prefix(end + 1);
  return value;
}

// Reads "<length>:<bytes>" from the front of `bytes`.
std::optional<std::string> take_sized(std::string_view& bytes) {
  std::optional<uint64_t> length = take_number(bytes, ':');
  if (!length || *length > bytes.size()) {
    return std::nullopt;
  }
  std::string text(bytes.substr(0, *length));
  bytes.remove_prefix(*length);
  return text;
}

std::optional<KvCommand> decode_command(std::string_view bytes) {
  KvCommand command;
  std::optional<uint64_t> client = take_number(bytes, ' ');
  std::optional<uint64_t> request_id = take_number(bytes, ' ');
  std::optional<uint64_t> op = take_number(bytes, ' ');
  if (!client || !request_id || !op || *op > 1 || *client > UINT32_MAX) {
    return std::nullopt;
  }
  command.client = NodeId{static_cast<uint32_t>(*client)};
  command.request_id = *request_id;
  command.op = static_cast<KvOp>(*op);
  std::optional<std::string> key = take_sized(bytes);
  std::optional<std::string> value = take_sized(bytes);
  if (!key || !value || !bytes.empty()) {
    return std::nullopt;
  }
  command.key = std::move(*key);
  command.value = std::move(*value);
  return command;
}

}  // namespace

std::string encode_command(const LogEntry& entry) {
  if (entry.kind == LogEntry::Kind::noop) {
    return "noop";
  }
  const KvCommand& command = entry.command;
  return fmt::format("cmd {} {} {} {}:{}{}:{}", command.client.value, command.request_id,
                     static_cast<int>(command.op), command.key.size(), command.key,
                     command.value.size(), command.value);
}

std::string encode_entry(const LogEntry& entry) {
  return fmt::format("{} {}", entry.term, encode_command(entry));
}

std::optional<LogEntry> decode_entry(std::string_view bytes) {
  LogEntry entry;
  std::optional<uint64_t> term = take_number(bytes, ' ');
  if (!term) {
    return std::nullopt;
  }
  entry.term = *term;
  if (bytes == "noop") {
    entry.kind = LogEntry::Kind::noop;
    return entry;
  }
  if (!bytes.starts_with("cmd ")) {
    return std::nullopt;
  }
  bytes.remove_prefix(4);
  std::optional<KvCommand> command = decode_command(bytes);
  if (!command) {
    return std::nullopt;
  }
  entry.kind = LogEntry::Kind::command;
  entry.command = std::move(*command);
  return entry;
}

int64_t entry_digest(const LogEntry& entry) {
  if (entry.kind == LogEntry::Kind::noop) {
    return static_cast<int64_t>(mix64(entry.term ^ 0x6e6f6f70ull)) & digest_mask;
  }
  uint64_t hash = 0xcbf29ce484222325ull;  // FNV-1a 64
  for (char c : encode_command(entry)) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  int64_t digest = static_cast<int64_t>(hash) & digest_mask;
  FL_CHECK(digest >= 0, "digest must be non-negative");
  return digest;
}

std::string describe_entry(const LogEntry& entry) {
  if (entry.kind == LogEntry::Kind::noop) {
    return "noop";
  }
  const KvCommand& command = entry.command;
  if (command.op == KvOp::put) {
    return fmt::format("put {}#{} {}={}", command.client.name(), command.request_id, command.key,
                       command.value);
  }
  return fmt::format("get {}#{} {}", command.client.name(), command.request_id, command.key);
}

}  // namespace faultline::raft
