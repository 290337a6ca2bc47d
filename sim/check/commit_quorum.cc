// File: commit_quorum.cc
// The commit-quorum audit over commit, role and log events.
#include "sim/check/commit_quorum.h"

#include <fmt/format.h>

#include "sim/base/check.h"

namespace faultline {

CommitQuorumChecker::CommitQuorumChecker(uint32_t server_count)
    : server_count_(server_count), leading_(server_count, false) {
  FL_CHECK(server_count >= 1, "a cluster has at least one server");
}

void CommitQuorumChecker::observe(const TraceEvent& event) {
  RaftEvent decoded = decode_raft_event(event);
  switch (decoded.kind) {
    case RaftEventKind::become_leader:
      set_leading(decoded.node, true);
      break;
    case RaftEventKind::become_follower:
    case RaftEventKind::become_candidate:
      set_leading(decoded.node, false);
      break;
    case RaftEventKind::crash:
      set_leading(decoded.node, false);  // the mirror stays: see the file comment
      break;
    case RaftEventKind::recover:
      set_leading(decoded.node, false);
      logs_.apply(decoded);
      break;
    case RaftEventKind::commit:
      on_commit(decoded);
      break;
    default:
      logs_.apply(decoded);
      break;
  }
}

void CommitQuorumChecker::set_leading(NodeId node, bool leading) {
  FL_CHECK(node.number() >= 1 && node.number() <= server_count_, "{} outside n1..n{}", node.name(),
           server_count_);
  leading_[node.number() - 1] = leading;
}

bool CommitQuorumChecker::leading(NodeId node) const {
  return node.number() >= 1 && node.number() <= server_count_ && leading_[node.number() - 1];
}

void CommitQuorumChecker::on_commit(const RaftEvent& commit) {
  if (!leading(commit.node) || commit.index < 1) {
    return;
  }
  uint32_t majority = server_count_ / 2 + 1;
  uint32_t holders = 0;
  for (uint32_t number = 1; number <= server_count_; ++number) {
    const LogMirror* log = logs_.find(NodeId::server(number));
    if (log != nullptr && log->contains(commit.index) &&
        log->entry(commit.index).term == commit.term) {
      ++holders;
    }
  }
  if (holders >= majority) {
    return;
  }
  std::string names;
  for (uint32_t number = 1; number <= server_count_; ++number) {
    const LogMirror* log = logs_.find(NodeId::server(number));
    if (log != nullptr && log->contains(commit.index) &&
        log->entry(commit.index).term == commit.term) {
      names += fmt::format("{}{}", names.empty() ? "" : ", ", NodeId::server(number).name());
    }
  }
  report(Violation{std::string(check_name), commit.time, commit.node,
                   fmt::format("leader {} committed index={} term={} but only {} of {} servers "
                               "hold it ({}); a majority is {}",
                               commit.node.name(), commit.index, commit.term, holders,
                               server_count_, names.empty() ? "none" : names, majority)});
}

}  // namespace faultline
