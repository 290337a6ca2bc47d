// File: leaderless_transcript_runner.h
// The leaderless store's transcript runner (STYLE.md 9; the format of transcript_runner.h). Output
// shows every message sent ("n1->n2 ReplicaWrite op=1 x=1@1/n1", items as value@timestamp/writer),
// every leaderless trace event ("n2 leaderless.store key=x ts=1 writer=1 value=1 ..."), drops, and
// the answers of inspection commands; a block with no output prints "ok".
//
// Commands:
//   add-nodes 3 [rf=3] [vnodes=16] [w=one|quorum|all] [r=...] [read-repair=none|async|sync]
//               [timestamps=clock|quorum_read] [anti-entropy=500ms] [timeout=300ms]
//               [max-items=16]          n1..n3 started (bootstrap)
//   put n1 x=1 [client=c1] [id=4]   a client put delivered to n1 at once; get n1 x likewise
//   deliver [n2] [from=n1] [type=ReplicaWrite]   deliver the matching queued messages
//   drop [from=n1] [to=n2] [type=ReplicaRead]    drop the matching queued messages
//   sync [n2]           complete pending storage syncs (all nodes or n2)
//   tick n1 [n2 ...]    fire the nodes' anti-entropy timers
//   timeout n1          fire n1's coordinator timeouts
//   elapse 600ms | clock n1 +5s   move the shared clock / offset n1's local clock
//   partition n1,n2 | n3   messages across groups are dropped at delivery; heal undoes it
//   crash n1 / restart n1        destroy (unsynced writes lost) / rebuild and start (rejoin)
//   stabilize           sync and deliver until nothing is pending (timers never fire by themselves)
//   store [n1] | ring k1 [k2 ...]   inspection
#pragma once

#include <string>

#include "protocols/replication/testing/transcript_runner.h"

namespace faultline::replication::testing {

TranscriptResult run_leaderless_transcript(const std::string& text);

}  // namespace faultline::replication::testing
