// File: role_tracker.cc
#include "sim/cluster/role_tracker.h"

#include <algorithm>

#include "sim/base/role_event.h"

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
  RoleEvent decoded = decode_role_event(event);
  switch (decoded.kind) {
    case RoleEvent::Kind::other:
      break;
    case RoleEvent::Kind::follower:
      node = NodeRole{Role::follower, decoded.epoch};
      break;
    case RoleEvent::Kind::candidate:
      node = NodeRole{Role::candidate, decoded.epoch};
      break;
    case RoleEvent::Kind::leader:
      node = NodeRole{Role::leader, decoded.epoch};
      ++elections_won_;
      break;
    case RoleEvent::Kind::progress:
      highest_commit_index_ = std::max(highest_commit_index_, decoded.index);
      break;
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
