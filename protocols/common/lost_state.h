// File: lost_state.h
// The fail-stop rule every protocol with durable promises shares: a server whose disk holds a
// damaged record, or that rejoins without its bootstrap marker (a wiped disk), must not come back
// as itself, since it would forget what it promised (votes, promises, acknowledged writes) while
// its peers count on it. See protocols/raft/README.md "Disk faults".
#pragma once

#include <string_view>

#include "sim/env/node_env.h"

namespace faultline::common {

// "corrupt" (env's storage reports a corrupted key), "wiped" (a rejoin and `has_member_marker`
// is false), or "" when the server may start.
std::string_view lost_state_reason(NodeEnv& env, bool has_member_marker);

}  // namespace faultline::common
