// File: paxos_event.h
// Decoding of the paxos.* trace events the Paxos checkers read (protocols/paxos/README.md): the
// slot and the value of paxos.accepted / paxos.learn / paxos.propose. A value is the `value` text
// field, or for emitters that publish a digest instead, the `digest` number written in decimal.
#pragma once

#include <cstdint>
#include <string>

#include "sim/base/trace.h"

namespace faultline {

inline std::string paxos_event_value(const TraceEvent& event) {
  if (event.has("value")) {
    return std::string(event.text("value"));
  }
  return std::to_string(event.number("digest"));
}

}  // namespace faultline
