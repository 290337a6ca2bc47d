// File: transcript_runner.h
// The Raft transcript runner (STYLE.md 9, after etcd-io/raft's interaction tests). A transcript
// is a text file of blocks: command lines, a "----" line, then the exact expected output, then a
// blank line. Lines starting with '#' before a block's commands are comments and are kept.
// Output shows every message sent ("n1->n2 RequestVote term=2 last=0/0"), every raft trace event
// ("n1 raft.become_leader term=2"), drops, and the answers of inspection commands; a block with no
// output prints "ok".
//
// Commands (one handler each in transcript_runner.cc):
//   add-nodes 3                                  n1..n3, empty storage, started
//   add-nodes 3 n1:term=7:log=1,1,4 n2:term=7:voted=n1 bug=commit_old_term_by_count max-entries=1
//                                                preloaded (durable) term, votedFor and log (the
//                                                entries are no-ops of the given terms)
//             [pre-vote=off] [check-quorum=off]  RaftConfig switches (default on, as RaftConfig)
//   campaign n1        fire n1's election timer       tick-heartbeat n1   fire its heartbeat
//   tick-election n1   the same as campaign (on a leader: its check-quorum period)
//   elapse 200ms       move the shared clock (leases); timers still fire only by command
//   deliver [n2] [from=n1]  deliver queued messages (those queued now; all, or those to n2
//                      and/or from n1; the others stay queued in their order)
//   sync [n2]          complete pending storage syncs (all nodes or n2), releasing held answers
//   drop [from=n1] [to=n2]        drop queued messages matching the filter
//   partition n1,n2 | n3,n4,n5    messages across groups are dropped at delivery; heal: undo
//   crash n1 / restart n1         destroy the node (unsynced writes lost) / make_raft + on_start
//                                 (add-nodes boots with BootMode::bootstrap, restart with rejoin)
//   wipe n1                       crash n1 if running, erase its disk, restart it (rejoin)
//   corrupt n1 term               n1's durable record of key `term` fails its checksum from now on
//   disk-full n1 [off]            n1's syncs fail with no_space ("n1 sync 3 failed: no_space")
// A node that calls halt() ("n1 node.halt reason=...") is crashed once its handler returns.
//   propose n1 x=1 [client=c1] [id=4]   a client put (KvRequest) delivered to n1 at once
//   get n1 x [client=c1] [id=5]         a client get, likewise
//   stabilize          sync and deliver until nothing is pending
//   reset              forget the cluster (nodes, queue, partition, clock, config): the next
//                      add-nodes starts a fresh one, so one file can compare two variants
//   state | raft-state | log n1 | kv n1  inspection
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/env/testing/transcript_file.h"

namespace faultline::raft::testing {

using faultline::testing::TranscriptBlock;
using faultline::testing::TranscriptResult;

// Runs a whole transcript (one fresh cluster per file). Never throws; a malformed command prints
// "error: ..." in its output (and so fails the comparison).
TranscriptResult run_transcript(const std::string& text);

}  // namespace faultline::raft::testing
