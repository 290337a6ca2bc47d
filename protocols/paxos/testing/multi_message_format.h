// File: multi_message_format.h
// One-line descriptions of Multi-Paxos and KV messages for transcripts:
// "Accept b=r1.n1 slot=4 put c1#4 x=4", "Promise b=r2.n2 first=4 accepted=[4:r1.n1:noop]".
#pragma once

#include <string>

#include "sim/env/message.h"

namespace faultline::paxos::multi::testing {

std::string describe_message(const Message& message);

}  // namespace faultline::paxos::multi::testing
