// File: liveness.cc
// Leader and commit-progress deadlines for liveness phases.
#include "sim/check/liveness.h"

#include <algorithm>

#include <fmt/format.h>

#include "sim/base/check.h"
#include "sim/base/role_event.h"

namespace faultline {
namespace {

// The role and progress events of protocols other than Raft (sim/base/role_event.h), in the
// shape of the Raft events this checker follows: a ballot or epoch plays the term, a learned slot
// the commit index.
RaftEvent decode_other_role_event(const TraceEvent& event) {
  RaftEvent decoded;
  RoleEvent role = decode_role_event(event);
  switch (role.kind) {
    case RoleEvent::Kind::other:
      return decoded;
    case RoleEvent::Kind::leader:
      decoded.kind = RaftEventKind::become_leader;
      break;
    case RoleEvent::Kind::follower:
      decoded.kind = RaftEventKind::become_follower;
      break;
    case RoleEvent::Kind::candidate:
      decoded.kind = RaftEventKind::become_candidate;
      break;
    case RoleEvent::Kind::progress:
      decoded.kind = RaftEventKind::commit;
      break;
  }
  decoded.time = event.time;
  decoded.node = event.node;
  decoded.term = role.epoch;
  decoded.index = role.index;
  return decoded;
}

}  // namespace

void LivenessChecker::observe(const TraceEvent& event) {
  if (armed()) {
    expire_before(event.time);
  }
  RaftEvent decoded = decode_raft_event(event);
  if (decoded.kind == RaftEventKind::other) {
    decoded = decode_other_role_event(event);
  }
  switch (decoded.kind) {
    case RaftEventKind::become_leader:
      count_leader_change(decoded);
      update_node(decoded);
      break;
    case RaftEventKind::become_follower:
    case RaftEventKind::become_candidate:
    case RaftEventKind::recover:
    case RaftEventKind::crash:
    case RaftEventKind::restart:
      update_node(decoded);
      break;
    case RaftEventKind::commit:
      note_progress(decoded);
      break;
    default:
      break;
  }
}

void LivenessChecker::arm(Time phase_start, std::optional<Duration> leader_within,
                          std::optional<Duration> commits_resume_within,
                          std::optional<uint32_t> max_leader_changes) {
  FL_CHECK(!armed(), "liveness armed at {} while a phase is still armed: finish_phase() first",
           format_seconds(phase_start));
  leader_ = Expectation{};
  commits_ = Expectation{};
  if (leader_within) {
    leader_ = Expectation{true, phase_start, phase_start + *leader_within, std::nullopt};
    if (has_current_leader()) {
      leader_.met_at = phase_start;
    }
  }
  if (commits_resume_within) {
    commits_ = Expectation{true, phase_start, phase_start + *commits_resume_within, std::nullopt};
  }
  commit_baseline_ = highest_commit_index_;
  leader_changes_ = LeaderChangeLimit{};
  if (max_leader_changes) {
    leader_changes_ = LeaderChangeLimit{true, phase_start, *max_leader_changes, 0};
  }
}

void LivenessChecker::count_leader_change(const RaftEvent& elected) {
  if (!leader_changes_.armed || elected.time < leader_changes_.start) {
    return;
  }
  leader_changes_.seen += 1;
  if (leader_changes_.seen <= leader_changes_.max) {
    return;
  }
  leader_changes_.armed = false;
  report(Violation{std::string(leader_changes_check_name), elected.time, elected.node,
                   fmt::format("{} became leader of term {}: leader change {} since the phase "
                               "start at {}, more than the {} allowed",
                               elected.node.name(), elected.term, leader_changes_.seen,
                               format_seconds(leader_changes_.start), leader_changes_.max)});
}

void LivenessChecker::advance_to(Time now) {
  expire_before(now);
}

void LivenessChecker::finish_phase(Time end) {
  if (leader_.pending()) {
    fail_leader(std::min(leader_.deadline, end));
  }
  if (commits_.pending()) {
    fail_commits(std::min(commits_.deadline, end));
  }
  leader_.armed = false;
  commits_.armed = false;
  leader_changes_.armed = false;
}

std::optional<Time> LivenessChecker::next_deadline() const {
  std::optional<Time> earliest;
  for (const Expectation* expectation : {&leader_, &commits_}) {
    if (expectation->pending() && (!earliest || expectation->deadline < *earliest)) {
      earliest = expectation->deadline;
    }
  }
  return earliest;
}

LivenessChecker::NodeState& LivenessChecker::state(NodeId node) {
  size_t slot = node.number() - 1;
  if (slot >= nodes_.size()) {
    nodes_.resize(slot + 1);
  }
  return nodes_[slot];
}

void LivenessChecker::update_node(const RaftEvent& event) {
  NodeState& node = state(event.node);
  node.known = true;
  switch (event.kind) {
    case RaftEventKind::become_follower:
      node = NodeState{true, true, Role::follower, event.term};
      break;
    case RaftEventKind::become_candidate:
      node = NodeState{true, true, Role::candidate, event.term};
      break;
    case RaftEventKind::become_leader:
      node = NodeState{true, true, Role::leader, event.term};
      break;
    case RaftEventKind::recover:
      node = NodeState{true, true, Role::follower, event.term};
      break;
    case RaftEventKind::crash:
      node.live = false;
      node.role = Role::follower;
      break;
    case RaftEventKind::restart:  // a restarted node boots as a follower (section 5.2)
      node.live = true;
      node.role = Role::follower;
      break;
    default:
      break;
  }
  if (leader_.pending() && event.time >= leader_.start && has_current_leader()) {
    leader_.met_at = event.time;
  }
}

bool LivenessChecker::has_current_leader() const {
  int64_t highest_term = -1;
  int64_t highest_leader_term = -1;
  for (const NodeState& node : nodes_) {
    if (!node.known || !node.live) {
      continue;
    }
    highest_term = std::max(highest_term, node.term);
    if (node.role == Role::leader) {
      highest_leader_term = std::max(highest_leader_term, node.term);
    }
  }
  return highest_leader_term >= 0 && highest_leader_term == highest_term;
}

void LivenessChecker::note_progress(const RaftEvent& event) {
  highest_commit_index_ = std::max(highest_commit_index_, event.index);
  if (commits_.pending() && event.time >= commits_.start && event.index > commit_baseline_) {
    commits_.met_at = event.time;
  }
}

void LivenessChecker::expire_before(Time now) {
  if (leader_.pending() && leader_.deadline < now) {
    fail_leader(leader_.deadline);
  }
  if (commits_.pending() && commits_.deadline < now) {
    fail_commits(commits_.deadline);
  }
}

void LivenessChecker::fail_leader(Time at) {
  leader_.armed = false;
  report(Violation{std::string(leader_check_name), at, NodeId::none(),
                   fmt::format("no leader within {} of the phase start at {} (deadline {}{}); "
                               "cluster at {}: {}",
                               format_duration(leader_.deadline - leader_.start),
                               format_seconds(leader_.start), format_seconds(leader_.deadline),
                               at < leader_.deadline ? ", but the phase ended first" : "",
                               format_seconds(at), describe_cluster())});
}

void LivenessChecker::fail_commits(Time at) {
  commits_.armed = false;
  report(
      Violation{std::string(commits_check_name), at, NodeId::none(),
                fmt::format("no commit above index {} within {} of the phase start at {} "
                            "(deadline {}{}); highest commit index seen: {}",
                            commit_baseline_, format_duration(commits_.deadline - commits_.start),
                            format_seconds(commits_.start), format_seconds(commits_.deadline),
                            at < commits_.deadline ? ", but the phase ended first" : "",
                            highest_commit_index_)});
}

std::string LivenessChecker::describe_cluster() const {
  static constexpr std::string_view role_names[] = {"follower", "candidate", "leader"};
  std::string text;
  for (size_t slot = 0; slot < nodes_.size(); ++slot) {
    const NodeState& node = nodes_[slot];
    if (!node.known) {
      continue;
    }
    if (!text.empty()) {
      text += ", ";
    }
    std::string name = NodeId::server(static_cast<uint32_t>(slot + 1)).name();
    if (!node.live) {
      text += fmt::format("{} crashed", name);
    } else {
      text +=
          fmt::format("{} {} term {}", name, role_names[static_cast<size_t>(node.role)], node.term);
    }
  }
  return text.empty() ? "no node has reported a role" : text;
}

}  // namespace faultline
