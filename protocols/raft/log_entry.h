// File: log_entry.h
// One entry of the replicated log (Figure 2: "each entry contains command for state machine, and
// term when entry was received by leader") and its byte encoding for storage. Owns the invariant
// that decode(encode(e)) == e and that an entry's digest depends only on its content.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/base/node_id.h"
#include "sim/env/kv_messages.h"

namespace faultline::raft {

// A client command of the replicated KV state machine (section 8). (client, request_id) names it
// so that a retried command is applied once.
struct KvCommand {
  NodeId client;
  uint64_t request_id = 0;
  KvOp op = KvOp::get;
  std::string key;
  std::string value;

  friend bool operator==(const KvCommand&, const KvCommand&) = default;
};

struct LogEntry {
  enum class Kind : uint8_t { noop = 0, command = 1 };

  uint64_t term = 0;
  Kind kind = Kind::noop;  // section 8: a new leader appends a no-op of its term
  KvCommand command;       // meaningful only for Kind::command

  static LogEntry noop(uint64_t term) { return LogEntry{term, Kind::noop, {}}; }
  static LogEntry make_command(uint64_t term, KvCommand command) {
    return LogEntry{term, Kind::command, std::move(command)};
  }

  friend bool operator==(const LogEntry&, const LogEntry&) = default;
};

// "<term> <command bytes>", where command bytes are "noop" or
// "cmd <client> <request_id> <op> <key length>:<key><value length>:<value>".
std::string encode_entry(const LogEntry& entry);
// The inverse of encode_entry; nullopt on malformed bytes.
std::optional<LogEntry> decode_entry(std::string_view bytes);

// The command bytes of an entry (everything but its term).
std::string encode_command(const LogEntry& entry);

// A 63-bit digest (>= 0) of the entry's content, the same on every node: FNV-1a 64 of the command
// bytes for a command, a mix of the term for a no-op (so no-ops of different terms differ).
int64_t entry_digest(const LogEntry& entry);

// A short human form for transcripts: "noop", "put c1#3 x=1", "get c2#1 x".
std::string describe_entry(const LogEntry& entry);

}  // namespace faultline::raft
