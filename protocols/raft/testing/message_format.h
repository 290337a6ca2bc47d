// File: message_format.h
// One-line descriptions of Raft and KV messages for transcripts, e.g.
// "AppendEntries term=2 prev=1/1 entries=[2/2] commit=1". The format is part of every transcript's
// expected output: change it only together with REWRITE=1.
#pragma once

#include <string>

#include "sim/env/message.h"

namespace faultline::raft::testing {

std::string describe_message(const Message& message);

}  // namespace faultline::raft::testing
