// File: raft_recovery.cc
// Boot checks of Raft's persistent state (section 5, Figure 2 "Persistent state on all servers:
// updated on stable storage before responding to RPCs"). Owns the rule that a member never runs
// on a disk that lost what it promised: a rejoining server with no member marker (its disk was
// wiped or never bootstrapped) or with any record that failed its checksum would restart with an
// older currentTerm, votedFor or log than it acknowledged, and could vote twice in a term or drop
// entries a leader counted toward a commit. Such a server must be replaced through a membership
// change (section 6), which this implementation does not have, so it stops (fail-stop).
#include "protocols/raft/raft_node.h"

namespace faultline::raft {

bool RaftNode::refuse_start_with_lost_state() {
  const std::vector<std::string>& corrupted = env_.storage().corrupted_keys();
  std::string_view reason;
  if (!corrupted.empty()) {
    // Any mode: a damaged record is never trusted, whichever key it held.
    reason = "corrupt";
  } else if (env_.boot_mode() == BootMode::rejoin && !storage_.has_member_marker()) {
    reason = "wiped";
  } else {
    return false;
  }
  env_.trace(
      TraceEvent{"raft",
                 "refuse_start",
                 {{"reason", reason}, {"corrupted_keys", static_cast<int64_t>(corrupted.size())}}});
  env_.halt(reason);
  return true;
}

}  // namespace faultline::raft
