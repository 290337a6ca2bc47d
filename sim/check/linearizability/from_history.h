// File: from_history.h
// faultline's own client history (sim/base/history.h) as checker operations for the kv model:
// a get that failed (Jepsen :fail) never took effect and is left out; a put of unknown outcome
// or an operation still pending at the end of the run is indeterminate. Times are the simulated
// nanoseconds of invocation and completion.
#pragma once

#include "sim/base/history.h"
#include "sim/check/linearizability/operation.h"

namespace faultline::linearizability {

OperationHistory operations_from_history(const History& history);

}  // namespace faultline::linearizability
