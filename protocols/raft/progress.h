// File: progress.h
// What a leader knows about one follower (Figure 2, "Volatile state on leaders"). Owns the
// invariant match_index < next_index: the leader never assumes more than the follower confirmed.
#pragma once

#include <cstdint>

namespace faultline::raft {

struct Progress {
  uint64_t next_index = 1;   // nextIndex: index of the next entry to send
  uint64_t match_index = 0;  // matchIndex: highest index known replicated on the follower
  // Probing: the leader has not yet found where the logs agree, so it sends one AppendEntries and
  // waits for the answer (section 5.3 backtracking). Otherwise it pipelines, advancing next_index
  // optimistically when it sends.
  bool probing = true;
  uint64_t sent_commit = 0;  // the highest leaderCommit sent to this follower
  // Thesis 6.2 (check quorum): an AppendEntriesResponse of this term arrived from the follower
  // since the leader's last check-quorum period began.
  bool recent_active = false;
};

}  // namespace faultline::raft
