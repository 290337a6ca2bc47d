// File: multi_paxos_command.cc
// Encoding, decoding, digests and descriptions of Multi-Paxos commands.
#include "protocols/paxos/multi_paxos_command.h"

#include <charconv>

#include <fmt/format.h>

namespace faultline::paxos {
namespace {

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

}  // namespace

std::string encode_command(const Command& command) {
  if (command.is_noop()) {
    return "noop";
  }
  return fmt::format("kv {} {} {} {}:{}{}:{}", command.client.value, command.request_id,
                     static_cast<int>(command.op), command.key.size(), command.key,
                     command.value.size(), command.value);
}

std::optional<Command> decode_command(std::string_view bytes) {
  if (bytes == "noop") {
    return Command::noop();
  }
  if (!bytes.starts_with("kv ")) {
    return std::nullopt;
  }
  bytes.remove_prefix(3);
  Command command;
  command.kind = Command::Kind::kv;
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

std::string command_digest(const Command& command) {
  if (command.is_noop()) {
    return "noop";
  }
  return fmt::format("{}-{}", command.client.name(), command.request_id);
}

std::string describe_command(const Command& command) {
  if (command.is_noop()) {
    return "noop";
  }
  if (command.op == KvOp::put) {
    return fmt::format("put {}#{} {}={}", command.client.name(), command.request_id, command.key,
                       command.value);
  }
  return fmt::format("get {}#{} {}", command.client.name(), command.request_id, command.key);
}

}  // namespace faultline::paxos
