// File: leader_completeness.h
// Check `raft.leader_completeness`: if a log entry is committed in a given term, that entry will be
// present in the logs of the leaders for all higher-numbered terms (Ongaro & Ousterhout 2014,
// Figure 3; argued in section 5.4.3, relying on the voting restriction of 5.4.1 and the
// current-term commit rule of 5.4.2 and Figure 8).
//
// Keeps the committed prefix: for every index up to the highest committed index C, the (term,
// digest) and prefix hash committed there. Fires when
//  * a node becomes leader of term T and its log does not hold every committed entry of a term
//    below T (one prefix-hash comparison: committed terms are non-decreasing by index);
//  * a node commits index I with term T that its own log does not hold;
//  * a commit at I lies on a different prefix than what was already committed up to I or C (two
//    different committed histories: the Figure 8 "commit by counting old-term replicas" bug).
#pragma once

#include <string_view>
#include <vector>

#include "sim/check/checker.h"
#include "sim/check/cluster_logs.h"
#include "sim/check/raft_event.h"

namespace faultline {

class LeaderCompletenessChecker final : public Checker {
 public:
  static constexpr std::string_view check_name = "raft.leader_completeness";

  std::string_view name() const override { return check_name; }
  void observe(const TraceEvent& event) override;

  // The highest committed index seen anywhere so far.
  int64_t committed_length() const { return static_cast<int64_t>(committed_.size()); }

 private:
  struct CommittedEntry {
    int64_t term = 0;
    int64_t digest = 0;
    uint64_t prefix_hash = 0;
    NodeId committed_by;  // the first node whose commit covered this index
    Time committed_at;
  };

  void on_commit(const RaftEvent& commit);
  void on_become_leader(const RaftEvent& elected);
  // Number of committed entries whose term is below `term` (a prefix of committed_).
  int64_t committed_before_term(int64_t term) const;
  // First index in 1..up_to where `log` lacks the committed entry or holds another one.
  int64_t first_divergence(const LogMirror& log, int64_t up_to) const;
  std::string describe_committed(int64_t index) const;
  std::string describe_held(const LogMirror& log, int64_t index) const;
  void report_conflicting_commit(const RaftEvent& commit, const LogMirror& log, int64_t up_to);

  ClusterLogs logs_;
  std::vector<CommittedEntry> committed_;  // by index - 1
};

}  // namespace faultline
