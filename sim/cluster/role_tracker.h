// File: role_tracker.h
// Follows the protocol's role announcements in the trace (the leader, follower and progress
// events of sim/base/role_event.h, and node.crash) so that the nemesis can aim at "the leader" and
// the run summary can count elections. Global knowledge, allowed here because it is the world's
// view, not a node's.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/base/trace.h"

namespace faultline {

class RoleTracker final : public TraceObserver {
 public:
  explicit RoleTracker(uint32_t server_count);
  void on_trace(const TraceEvent& event) override;

  // The live server that leads the highest term (ballot, epoch) any live server has reached, or
  // none.
  NodeId leader() const;
  uint64_t elections_won() const { return elections_won_; }
  // Highest commit index (or learned slot) announced by any node.
  int64_t highest_commit_index() const { return highest_commit_index_; }

 private:
  enum class Role : uint8_t { down, follower, candidate, leader };
  struct NodeRole {
    Role role = Role::down;
    int64_t term = 0;
  };
  std::vector<NodeRole> roles_;  // index: server number
  uint64_t elections_won_ = 0;
  int64_t highest_commit_index_ = 0;
};

}  // namespace faultline
