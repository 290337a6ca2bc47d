// File: multi_paxos_command.h
// The value a Multi-Paxos slot decides ("Paxos Made Simple" section 3: "the ith instance chooses
// the ith command in the sequence"): a client's key-value command or a no-op that fills a gap.
// Owns the invariants that decode_command(encode_command(c)) == c and that a command's digest
// (the short text traced as `value=`) names it: "c1-7" for client c1's request 7, "noop".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/base/node_id.h"
#include "sim/env/kv_messages.h"

namespace faultline::paxos {

struct Command {
  enum class Kind : uint8_t { noop = 0, kv = 1 };

  Kind kind = Kind::noop;
  // Kind::kv only: (client, request_id) names the command, so a retried put applies once.
  NodeId client;
  uint64_t request_id = 0;
  KvOp op = KvOp::get;
  std::string key;
  std::string value;  // for put

  static Command noop() { return Command{}; }
  bool is_noop() const { return kind == Kind::noop; }

  friend bool operator==(const Command&, const Command&) = default;
};

// "noop" or "kv <client> <request_id> <op> <key length>:<key><value length>:<value>".
std::string encode_command(const Command& command);
// The inverse of encode_command; nullopt on malformed bytes.
std::optional<Command> decode_command(std::string_view bytes);

// The digest traced as `value=` by paxos.propose / accepted / learn / execute: "noop" or
// "<client>-<request_id>" ("c1-7"). Within a run a client never reuses a request id for another
// command, so the digest names the command.
std::string command_digest(const Command& command);

// A short human form for transcripts: "noop", "put c1#3 x=1", "get c2#1 x".
std::string describe_command(const Command& command);

}  // namespace faultline::paxos
