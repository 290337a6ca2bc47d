// File: message_format.cc
// Transcript descriptions of messages.
#include "protocols/raft/testing/message_format.h"

#include <fmt/format.h>

#include "protocols/raft/raft_messages.h"
#include "sim/env/kv_messages.h"

namespace faultline::raft::testing {
namespace {

std::string describe(const AppendEntries& request) {
  std::string entries;
  uint64_t index = request.prev_log_index;
  for (const LogEntry& entry : request.entries) {
    index += 1;
    entries += fmt::format("{}{}/{}", entries.empty() ? "" : " ", index, entry.term);
  }
  return fmt::format("AppendEntries term={} prev={}/{} entries=[{}] commit={}", request.term,
                     request.prev_log_index, request.prev_log_term, entries, request.leader_commit);
}

std::string describe(const AppendEntriesResponse& response) {
  if (response.success) {
    return fmt::format("AppendEntriesResponse term={} success match={}", response.term,
                       response.match_index);
  }
  return fmt::format("AppendEntriesResponse term={} reject={} hint={}", response.term,
                     response.rejected_index, response.hint_index);
}

std::string describe(const KvRequest& request) {
  if (request.op == KvOp::put) {
    return fmt::format("KvRequest id={} put {}={}", request.request_id, request.key, request.value);
  }
  return fmt::format("KvRequest id={} get {}", request.request_id, request.key);
}

std::string describe(const KvReply& reply) {
  if (reply.status == KvStatus::not_leader) {
    return fmt::format("KvReply id={} not_leader hint={}", reply.request_id,
                       reply.leader_hint.name());
  }
  return fmt::format("KvReply id={} ok value={}", reply.request_id,
                     reply.value.empty() ? "\"\"" : reply.value);
}

}  // namespace

std::string describe_message(const Message& message) {
  switch (message.kind()) {
    case static_cast<uint32_t>(RaftMessageKind::request_vote): {
      const auto& request = static_cast<const RequestVote&>(message);
      return fmt::format("RequestVote term={} last={}/{}", request.term, request.last_log_index,
                         request.last_log_term);
    }
    case static_cast<uint32_t>(RaftMessageKind::request_vote_response): {
      const auto& response = static_cast<const RequestVoteResponse&>(message);
      return fmt::format("RequestVoteResponse term={} {}", response.term,
                         response.vote_granted ? "granted" : "rejected");
    }
    case static_cast<uint32_t>(RaftMessageKind::pre_vote): {
      const auto& request = static_cast<const PreVote&>(message);
      return fmt::format("PreVote term={} last={}/{}", request.term, request.last_log_index,
                         request.last_log_term);
    }
    case static_cast<uint32_t>(RaftMessageKind::pre_vote_response): {
      const auto& response = static_cast<const PreVoteResponse&>(message);
      return fmt::format("PreVoteResponse term={} {}", response.term,
                         response.vote_granted ? "granted" : "rejected");
    }
    case static_cast<uint32_t>(RaftMessageKind::append_entries):
      return describe(static_cast<const AppendEntries&>(message));
    case static_cast<uint32_t>(RaftMessageKind::append_entries_response):
      return describe(static_cast<const AppendEntriesResponse&>(message));
    case static_cast<uint32_t>(KvMessageKind::request):
      return describe(static_cast<const KvRequest&>(message));
    case static_cast<uint32_t>(KvMessageKind::reply):
      return describe(static_cast<const KvReply&>(message));
    default:
      return fmt::format("{} (kind {})", message.type_name(), message.kind());
  }
}

}  // namespace faultline::raft::testing
