// File: role_tracker.cc
#include "sim/cluster/role_tracker.h"

namespace faultline {

RoleTracker::RoleTracker(uint32_t server_count) : roles_(server_count + 1) {}

void RoleTracker::on_trace(const TraceEvent& event) {
  if (!event.node.is_server() || event.node.number() >= roles_.size()) {
    return;
  }
  NodeRole& node = roles_[event.node.number()];
  if (event.component == "node") {
    if (event.name == "crash") {
      node.role = Role::down;
    }
    return;
  }
  if (event.component != "raft") {
    return;
  }
  if (event.name == "become_follower") {
    node = NodeRole{Role::follower, event.number("term")};
  } else if (event.name == "become_candidate") {
    node = NodeRole{Role::candidate, event.number("term")};
  } else if (event.name == "become_leader") {
    node = NodeRole{Role::leader, event.number("term")};
    ++elections_won_;
  } else if (event.name == "commit") {
    highest_commit_index_ = std::max(highest_commit_index_, event.number("index"));
  }
}

NodeId RoleTracker::leader() const {
  int64_t highest_term = -1;
  for (const NodeRole& node : roles_) {
    if (node.role != Role::down) {
      highest_term = std::max(highest_term, node.term);
    }
  }
  for (size_t number = 1; number < roles_.size(); ++number) {
    if (roles_[number].role == Role::leader && roles_[number].term == highest_term) {
      return NodeId::server(static_cast<uint32_t>(number));
    }
  }
  return NodeId::none();
}

}  // namespace faultline
