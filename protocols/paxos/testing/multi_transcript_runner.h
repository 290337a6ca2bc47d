// File: multi_transcript_runner.h
// The Multi-Paxos transcript runner (STYLE.md 9; the format of protocols/raft/testing/
// transcript_runner.h). A transcript is a text file of blocks: command lines, a "----" line, the
// exact expected output, a blank line. '#' lines before a block are comments and are kept.
// Output shows every message sent ("n1->n2 Accept b=r1.n1 slot=1 put c1#1 x=1") except heartbeats
// (unless add-nodes ... heartbeats=show), every paxos trace event ("n1 paxos.learn slot=1
// value=c1-1"), drops, and the answers of inspection commands; a block with no output prints "ok".
//
// Commands:
//   add-nodes 5 [interval=100ms] [timeout=500ms] [heartbeats=show]   n1..n5 started (bootstrap)
//   tick n1            fire n1's heartbeat timer (heartbeats out, candidacy, retransmissions)
//   elapse 600ms       move the shared clock (the failure detectors read it)
//   deliver [n2] [from=n1] [type=Accept]   deliver the matching queued messages (queued now)
//   drop [from=n1] [to=n2] [type=Accept]   drop the matching queued messages
//   sync [n2]          complete pending storage syncs (all nodes or n2), releasing held answers
//   partition n1,n2 | n3,n4,n5 / heal      messages across groups are dropped at delivery
//   crash n1 / restart n1 / wipe n1        as the Raft runner (restart boots with rejoin)
//   propose n1 x=1 [client=c1] [id=4]      a client put delivered to n1 at once; get n1 x likewise
//   stabilize          sync and deliver until nothing is pending (no timer fires)
//   state | log n1 | kv n1                 inspection
#pragma once

#include <string>
#include <vector>

#include "sim/env/testing/transcript_file.h"

namespace faultline::paxos::multi::testing {

using faultline::testing::TranscriptBlock;
using faultline::testing::TranscriptResult;

// Runs a whole transcript (one fresh cluster per file). Never throws; a malformed command prints
// "error: ..." in its output (and so fails the comparison).
TranscriptResult run_transcript(const std::string& text);

}  // namespace faultline::paxos::multi::testing
