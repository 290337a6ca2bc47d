// File: role_event.h
// Who leads and whether the service makes progress, across protocols: the small vocabulary the
// world's role tracker (fault targets `leader`, election counts) and the liveness checker read.
// This file owns the mapping from each protocol's own event names to that vocabulary:
//
//   leader:      raft.become_leader term=T     paxos.become_leader ballot=B
//                replication.become_primary epoch=E
//   follower:    raft.become_follower term=T   paxos.become_follower ballot=B
//                replication.become_backup epoch=E
//   candidate:   raft.become_candidate term=T
//   progress:    raft.commit index=I           paxos.learn slot=S    replication.commit index=I
//
// The epoch of a role event (term, ballot or epoch) orders leaders: the current leader is a live
// node leading the highest epoch any live node has announced. A Paxos ballot is traced as the
// integer round * 256 + proposer server number, so ballots are unique and totally ordered.
#pragma once

#include <cstdint>

#include "sim/base/trace.h"

namespace faultline {

struct RoleEvent {
  enum class Kind : uint8_t { other, leader, follower, candidate, progress };
  Kind kind = Kind::other;
  int64_t epoch = 0;  // leader, follower, candidate
  int64_t index = 0;  // progress: the commit index or learned slot
};

// Decodes a role or progress event; Kind::other for every other event (one comparison of the
// component for most). A role event without its field is a programmer error (FL_CHECK).
RoleEvent decode_role_event(const TraceEvent& event);

}  // namespace faultline
