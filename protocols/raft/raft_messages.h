// File: raft_messages.h
// The four Raft RPCs of Figure 2 as messages (RequestVote and AppendEntries, each with its
// response), and the PreVote round of the Raft thesis (Ongaro 2014, section 9.6). Requests carry
// the sender's term; every response carries the responder's currentTerm so that the sender can
// update itself (section 5.1). Immutable once sent.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "protocols/raft/log_entry.h"
#include "sim/env/message.h"

namespace faultline::raft {

// Protocol-private kinds start at 100 (kv_messages.h reserves the lower ones).
enum class RaftMessageKind : uint32_t {
  request_vote = 100,
  request_vote_response = 101,
  append_entries = 102,
  append_entries_response = 103,
  pre_vote = 104,
  pre_vote_response = 105,
};

// Section 5.2, invoked by candidates; the candidate is the sender.
struct RequestVote final : Message {
  uint64_t term = 0;
  uint64_t last_log_index = 0;
  uint64_t last_log_term = 0;

  std::string_view type_name() const override { return "RequestVote"; }
  uint64_t size_bytes() const override { return 40; }
  uint32_t kind() const override { return static_cast<uint32_t>(RaftMessageKind::request_vote); }
};

struct RequestVoteResponse final : Message {
  uint64_t term = 0;
  bool vote_granted = false;

  std::string_view type_name() const override { return "RequestVoteResponse"; }
  uint64_t size_bytes() const override { return 24; }
  uint32_t kind() const override {
    return static_cast<uint32_t>(RaftMessageKind::request_vote_response);
  }
};

// Thesis section 9.6: "would you vote for me at `term`?" with RequestVote's fields. `term` is the
// sender's currentTerm + 1, which the sender has NOT adopted; a receiver changes no state.
struct PreVote final : Message {
  uint64_t term = 0;
  uint64_t last_log_index = 0;
  uint64_t last_log_term = 0;

  std::string_view type_name() const override { return "PreVote"; }
  uint64_t size_bytes() const override { return 40; }
  uint32_t kind() const override { return static_cast<uint32_t>(RaftMessageKind::pre_vote); }
};

// A grant carries the request's term; a refusal carries the responder's currentTerm, so that a
// pre-candidate behind the cluster catches up (etcd-io/etcd#8243, case B13).
struct PreVoteResponse final : Message {
  uint64_t term = 0;
  bool vote_granted = false;

  std::string_view type_name() const override { return "PreVoteResponse"; }
  uint64_t size_bytes() const override { return 24; }
  uint32_t kind() const override {
    return static_cast<uint32_t>(RaftMessageKind::pre_vote_response);
  }
};

// Section 5.3, invoked by the leader (the sender) to replicate entries; also the heartbeat.
// The bytes one log entry adds to an AppendEntries (AppendEntries::size_bytes).
inline uint64_t append_entry_size_bytes(const LogEntry& entry) {
  return 32 + entry.command.key.size() + entry.command.value.size();
}

struct AppendEntries final : Message {
  uint64_t term = 0;
  uint64_t prev_log_index = 0;
  uint64_t prev_log_term = 0;
  // At most RaftConfig::max_entries_per_append entries and max_append_bytes of them (or one).
  std::vector<LogEntry> entries;
  uint64_t leader_commit = 0;

  std::string_view type_name() const override { return "AppendEntries"; }
  uint64_t size_bytes() const override {
    uint64_t size = 48;
    for (const LogEntry& entry : entries) {
      size += append_entry_size_bytes(entry);
    }
    return size;
  }
  uint32_t kind() const override { return static_cast<uint32_t>(RaftMessageKind::append_entries); }
};

// success: the follower's log matches the leader's through match_index (= prev + entries).
// Otherwise the check failed at rejected_index (the request's prev_log_index) and hint_index is
// the highest index the leader may try next as prev (an optimisation of section 5.3's "decrement
// nextIndex and retry": the follower's last index when its log is shorter).
struct AppendEntriesResponse final : Message {
  uint64_t term = 0;
  bool success = false;
  uint64_t match_index = 0;
  uint64_t rejected_index = 0;
  uint64_t hint_index = 0;

  std::string_view type_name() const override { return "AppendEntriesResponse"; }
  uint64_t size_bytes() const override { return 48; }
  uint32_t kind() const override {
    return static_cast<uint32_t>(RaftMessageKind::append_entries_response);
  }
};

}  // namespace faultline::raft
