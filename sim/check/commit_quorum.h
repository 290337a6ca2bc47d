// File: commit_quorum.h
// Check `raft.commit_quorum` (the commit-quorum audit of case B08, shared/cases/protocol-bugs.md;
// Ongaro & Ousterhout 2014, section 5.3: "a log entry is committed once the leader that created
// the entry has replicated it on a majority of the servers"): whenever a node that is leader
// announces raft.commit index=I term=T, at least floor(N/2)+1 DISTINCT servers' logs hold an entry
// with index I and term T. Catches a leader that counts one follower's acknowledgement twice (a
// duplicated or re-sent response, a member counted under two addresses).
//
// Logs are mirrored from the trace (cluster_logs.h) with one difference: a crash does not clear a
// node's mirror (raft.recover does, and re-announces what survived). A correct follower acks only
// durable entries, so a crashed follower still holds what it acknowledged; clearing on crash
// would fire on a commit that counts the ack of a follower that crashed right after sending it.
// Commits announced by followers (learning leaderCommit) are not audited: they follow a leader's.
// Cost: O(1) per log event, O(N) per leader commit.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/check/checker.h"
#include "sim/check/cluster_logs.h"
#include "sim/check/raft_event.h"

namespace faultline {

class CommitQuorumChecker final : public Checker {
 public:
  static constexpr std::string_view check_name = "raft.commit_quorum";

  // `server_count`: N, the number of servers (n1..nN) of the cluster; at least 1.
  explicit CommitQuorumChecker(uint32_t server_count);

  std::string_view name() const override { return check_name; }
  void observe(const TraceEvent& event) override;

 private:
  void set_leading(NodeId node, bool leading);
  bool leading(NodeId node) const;
  void on_commit(const RaftEvent& commit);

  uint32_t server_count_;
  ClusterLogs logs_;
  std::vector<bool> leading_;  // by server number - 1: the node's last role event was leader
};

}  // namespace faultline
