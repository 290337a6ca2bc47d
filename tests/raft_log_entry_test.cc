// File: raft_log_entry_test.cc
// Log entry encoding round-trips and digest stability (the digest is a trace contract with the
// checkers: its golden values must never change silently).
#include <catch2/catch.hpp>

#include "protocols/raft/log_entry.h"
#include "protocols/raft/raft_log.h"

using faultline::KvOp;
using faultline::NodeId;
using faultline::raft::decode_entry;
using faultline::raft::encode_entry;
using faultline::raft::entry_digest;
using faultline::raft::KvCommand;
using faultline::raft::LogEntry;
using faultline::raft::RaftLog;

TEST_CASE("log entries round-trip through their encoding", "[raft]") {
  std::vector<LogEntry> entries = {
      LogEntry::noop(3),
      LogEntry::make_command(7, KvCommand{NodeId::client(2), 41, KvOp::put, "key", "a value"}),
      LogEntry::make_command(1, KvCommand{NodeId::client(1), 1, KvOp::get, "k:1 2", ""}),
      LogEntry::make_command(9, KvCommand{NodeId::client(5), 3, KvOp::put, "", "x:y"}),
  };
  for (const LogEntry& entry : entries) {
    std::optional<LogEntry> decoded = decode_entry(encode_entry(entry));
    REQUIRE(decoded.has_value());
    CHECK(*decoded == entry);
  }
  CHECK(encode_entry(entries[1]) == "7 cmd 1048578 41 1 3:key7:a value");
}

TEST_CASE("malformed entries do not decode", "[raft]") {
  CHECK_FALSE(decode_entry("").has_value());
  CHECK_FALSE(decode_entry("x noop").has_value());
  CHECK_FALSE(decode_entry("3 nop").has_value());
  CHECK_FALSE(decode_entry("3 cmd 1 2 1 9:key0:").has_value());
  CHECK_FALSE(decode_entry("3 cmd 1 2 7 3:key0:").has_value());
}

TEST_CASE("entry digests are stable, non-negative and content-only", "[raft]") {
  LogEntry put = LogEntry::make_command(7, KvCommand{NodeId::client(2), 41, KvOp::put, "k", "v"});
  LogEntry same_command_other_term = put;
  same_command_other_term.term = 8;
  CHECK(entry_digest(put) == entry_digest(same_command_other_term));
  CHECK(entry_digest(put) >= 0);
  CHECK(entry_digest(LogEntry::noop(1)) != entry_digest(LogEntry::noop(2)));
  LogEntry other_request = put;
  other_request.command.request_id = 42;
  CHECK(entry_digest(put) != entry_digest(other_request));
  // Golden values: changing them changes every trace hash.
  CHECK(entry_digest(put) == 6998871640987378103);
  CHECK(entry_digest(LogEntry::noop(1)) == 3205858900378504924);
}

TEST_CASE("up-to-date rule of section 5.4.1", "[raft]") {
  RaftLog log;
  log.append(LogEntry::noop(1));
  log.append(LogEntry::noop(2));
  CHECK(log.is_up_to_date(2, 2));        // same last term, same length
  CHECK(log.is_up_to_date(3, 2));        // same last term, longer
  CHECK_FALSE(log.is_up_to_date(1, 2));  // same last term, shorter
  CHECK(log.is_up_to_date(1, 3));        // later last term wins even if shorter
  CHECK_FALSE(log.is_up_to_date(5, 1));  // earlier last term loses even if longer
}
