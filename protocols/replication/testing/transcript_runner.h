// File: transcript_runner.h
// The replication transcript runner (STYLE.md 9; same file format as protocols/raft/testing:
// command lines, "----", the exact expected output, a blank line; '#' lines are comments). Output
// shows every message sent ("n1->n2 Update epoch=1 first=1 [1/put:x=1] commit=0"), every
// replication trace event ("n1 replication.become_primary epoch=1 log_length=0"), drops, and the
// answers of inspection commands; a block with no output prints "ok".
//
// Commands:
//   add-nodes 3 [strategy=passive|semi_active] [bug=none|no_epochs|followers_choose]
//               [interval=100ms] [timeout=500ms]   n1..n3 started (bootstrap); fixed-timeout
//               detector
//   tick n1 [n2 ...]    fire the nodes' tick timers (heartbeats, repair, suspicion)
//   elapse 600ms        move the shared clock (detectors read it); timers fire only by command
//   clock n1 +5s        offset n1's local clock from the shared one (B22: n1 runs ahead)
//   deliver [n2] [from=n1] [type=Update]   deliver the matching queued messages
//   drop [from=n1] [to=n2] [type=Heartbeat]  drop the matching queued messages
//   sync [n2]           complete pending storage syncs (all nodes or n2)
//   partition n1,n2 | n3,n4,n5   messages across groups are dropped at delivery; heal undoes it
//   crash n1 / restart n1        destroy (unsynced writes lost) / rebuild and start (rejoin)
//   propose n1 x=1 [client=c1] [id=4]   a client put delivered to n1 at once; get n1 x likewise
//   stabilize           sync and deliver until nothing is pending (heartbeats included)
//   state | log n1 | kv n1   inspection
#pragma once

#include <string>

#include "sim/env/testing/transcript_file.h"

namespace faultline::replication::testing {

using faultline::testing::TranscriptBlock;
using faultline::testing::TranscriptResult;

TranscriptResult run_transcript(const std::string& text);

}  // namespace faultline::replication::testing
