// File: liveness.h
// Liveness after heal (DESIGN.md "Phases", STYLE.md 8): once the runner arms a phase that starts
// at S, it demands
//  * `liveness.leader`, "a leader within D": at some instant in [S, S+D] a live node is leader and
//    its term equals the highest term of any live node (a leader that the rest of the cluster has
//    not moved past; Ongaro & Ousterhout 2014, section 5.2);
//  * `liveness.commits`, "commits resume within D": some raft.commit in [S, S+D] has an index
//    above the highest commit index seen anywhere before S;
//  * `liveness.leader_changes`, "at most K leader changes": no more than K raft.become_leader
//    events at or after S while the phase lasts (an availability bound, case B11: a rejoining
//    server must not depose a healthy leader). Fires at the (K+1)-th such event.
// Roles and terms come from raft.become_* and raft.recover, and from the other protocols' role and
// progress events (sim/base/role_event.h: a ballot or epoch counts as the term, paxos.learn's slot
// or replication.commit's index as the commit index); node.crash makes a node not live,
// node.restart makes it a live follower. The checker tracks state on every event whether armed or
// not, so arming at any phase start sees the real cluster.
//
// Deadlines: an expectation fails when time is known to have passed its deadline without it
// being met: an observed event later than the deadline, advance_to(t) with t > deadline, or
// finish_phase(). The violation's time is the deadline (or the phase end, if that came first).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/check/checker.h"
#include "sim/check/raft_event.h"

namespace faultline {

class LivenessChecker final : public Checker {
 public:
  static constexpr std::string_view leader_check_name = "liveness.leader";
  static constexpr std::string_view commits_check_name = "liveness.commits";
  static constexpr std::string_view leader_changes_check_name = "liveness.leader_changes";

  std::string_view name() const override { return "liveness"; }
  void observe(const TraceEvent& event) override;

  // Arms the expectations of a phase that starts at `phase_start`; any may be absent. Events
  // at `phase_start` observed after this call count as inside the phase. The previous phase must
  // have been finished (FL_CHECK).
  void arm(Time phase_start, std::optional<Duration> leader_within,
           std::optional<Duration> commits_resume_within,
           std::optional<uint32_t> max_leader_changes = std::nullopt);
  // Every event earlier than `now` has been observed: an unmet expectation whose deadline is
  // before `now` fires. The runner calls it when simulated time moves on (for instance from a
  // wake-up scheduled at next_deadline() + 1ns), so that a silent cluster still fails on time.
  void advance_to(Time now);
  // Every event of the phase (times up to `end`) has been observed: every unmet expectation
  // fires, then the checker disarms. A no-op when nothing is armed.
  void finish_phase(Time end);

  bool armed() const { return leader_.armed || commits_.armed || leader_changes_.armed; }
  // The earliest deadline among armed, unmet expectations.
  std::optional<Time> next_deadline() const;
  // When each expectation of the current (or last) armed phase was met, if it was.
  std::optional<Time> leader_met_at() const { return leader_.met_at; }
  std::optional<Time> commits_met_at() const { return commits_.met_at; }
  // raft.become_leader events seen in the current (or last) phase armed with a maximum.
  uint32_t leader_changes() const { return leader_changes_.seen; }

 private:
  enum class Role : uint8_t { follower, candidate, leader };

  struct NodeState {
    bool known = false;  // has emitted a role, term or lifecycle event
    bool live = true;
    Role role = Role::follower;
    int64_t term = 0;
  };

  struct Expectation {
    bool armed = false;
    Time start;
    Time deadline;
    std::optional<Time> met_at;
    bool pending() const { return armed && !met_at; }
  };

  struct LeaderChangeLimit {
    bool armed = false;
    Time start;
    uint32_t max = 0;
    uint32_t seen = 0;
  };

  void update_node(const RaftEvent& event);
  void count_leader_change(const RaftEvent& elected);
  NodeState& state(NodeId node);
  // Some live node leads the highest term of any live node.
  bool has_current_leader() const;
  void note_progress(const RaftEvent& event);
  // Fires the pending expectations whose deadline is before `now`.
  void expire_before(Time now);
  void fail_leader(Time at);
  void fail_commits(Time at);
  std::string describe_cluster() const;

  std::vector<NodeState> nodes_;  // by server number - 1; a node is known from its first event
  int64_t highest_commit_index_ = 0;
  int64_t commit_baseline_ = 0;  // highest_commit_index_ when the phase was armed
  Expectation leader_;
  Expectation commits_;
  LeaderChangeLimit leader_changes_;
};

}  // namespace faultline
