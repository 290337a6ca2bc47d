// File: history_json_writer.h
// Writes operations as faultline's JSON history (the format `faultline check --format json`
// reads; docs/linearizability.md): an array, one event object per line, invocations and
// completions in time order (at equal times invocations first, so they read back as concurrent).
#pragma once

#include <string>

#include "sim/check/linearizability/operation.h"

namespace faultline::linearizability {

// Needs call_time_ns on every operation and return_time_ns on every completed one; an
// indeterminate operation with a return time gets an "info" completion, without one none.
std::string write_json_history(const OperationHistory& history);

}  // namespace faultline::linearizability
