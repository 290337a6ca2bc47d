// File: raft_event.h
// The Raft and node-lifecycle trace events the checkers consume, decoded once into a flat record.
// This file owns the contract between the Raft emitter and the checkers: event names, field names,
// and how a `digest` field (integer, or text that is hashed) becomes a 64-bit value.
//
//   raft.become_follower term=T   raft.become_candidate term=T   raft.become_leader term=T
//   raft.recover term=T log_length=N      (log_append 1..N follow)
//   raft.log_append index=I term=T digest=D
//   raft.log_truncate from=I              (entries >= I removed)
//   raft.commit index=I term=T            (commitIndex advanced to I; entry I has term T)
//   raft.apply index=I term=T digest=D
//   node.crash   node.restart
#pragma once

#include <cstdint>

#include "sim/base/node_id.h"
#include "sim/base/time.h"
#include "sim/base/trace.h"

namespace faultline {

enum class RaftEventKind : uint8_t {
  other,  // any event the checkers ignore
  become_follower,
  become_candidate,
  become_leader,
  recover,
  log_append,
  log_truncate,
  commit,
  apply,
  crash,
  restart,
};

// One decoded event. Fields an event does not carry stay 0.
struct RaftEvent {
  RaftEventKind kind = RaftEventKind::other;
  Time time;
  NodeId node;
  int64_t term = 0;
  int64_t index = 0;       // log_append, commit, apply: the entry; log_truncate: `from`
  int64_t log_length = 0;  // recover
  int64_t digest = 0;      // log_append, apply
};

// Decodes `event`. Cheap for the events it ignores: one comparison of the component. A Raft event
// missing a field it must carry is a programmer error (FL_CHECK in TraceEvent::number), as is a
// Raft or node event on something other than a server.
RaftEvent decode_raft_event(const TraceEvent& event);

// The 64-bit value of a `digest` field: the integer itself, or FNV-1a 64 of a text digest.
int64_t digest_field(const TraceEvent& event);

}  // namespace faultline
