// File: single_transcript_runner.h
// The single-decree Paxos transcript runner (STYLE.md 9, modelled on
// protocols/raft/testing/transcript_runner.h). A transcript is a text file of blocks: command
// lines, a "----" line, then the exact expected output, then a blank line. Lines starting with '#'
// before a block's commands are comments and are kept. Output shows every message sent
// ("n1->n2 Prepare ballot=r1.n1"), every paxos trace event ("n1 paxos.learn slot=1 value=x ..."),
// drops, and the answers of inspection commands; a block with no output prints "ok".
//
// Commands:
//   add-nodes 3 [proposers=n1:x,n3:z] [bug=no_promise_on_accept]
//                           n1..n3 started (acceptors and learners); the listed servers propose
//                           the given values (default value v-nK when written "n1" alone)
//   propose n1              fire n1's start timer (its first prepare, after the round's sync)
//   retry n1 / timeout n1   fire n1's retry timer / its phase timeout
//   deliver [n2 ...] [from=n1] [type=Accept]   deliver the matching queued messages (those queued
//                           now); several targets may be listed
//   drop [to=n2] [from=n1] [type=Accept]       drop the matching queued messages
//   inject n1->n3 prepare r5.n2 | n1->n3 accept r4.n1 z
//                           deliver a hand-made message now (a delayed or forged one)
//   sync [n2]               complete pending storage syncs (all nodes or n2), releasing replies
//   crash n1 / restart n1   destroy the node (unsynced writes lost) / rebuild it from storage
//   stabilize               sync and deliver until nothing is pending
//   reset                   forget the cluster: the next add-nodes starts a fresh one, so one
//                           file can compare the correct acceptor with a buggy one
//   state                   per node: promised, accepted, learned, proposer phase and ballot
#pragma once

#include <string>
#include <vector>

#include "sim/env/testing/transcript_file.h"

namespace faultline::paxos::testing {

using faultline::testing::TranscriptBlock;
using faultline::testing::TranscriptResult;

// Runs a whole transcript (one fresh cluster per file). Never throws; a malformed command prints
// "error: ..." in its output (and so fails the comparison).
TranscriptResult run_transcript(const std::string& text);

}  // namespace faultline::paxos::testing
