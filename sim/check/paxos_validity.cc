// File: paxos_validity.cc
// Validity over paxos.propose / client.invoke (sources) and paxos.learn (uses).
#include "sim/check/paxos_validity.h"

#include <fmt/format.h>

#include "sim/check/paxos_event.h"

namespace faultline {

void PaxosValidityChecker::observe(const TraceEvent& event) {
  if (event.is("paxos", "propose")) {
    proposed_.insert(paxos_event_value(event));
    return;
  }
  if (event.is("client", "invoke")) {
    if (event.has("value") && event.text("op") == "put") {
      proposed_.emplace(event.text("value"));
    }
    return;
  }
  if (!event.is("paxos", "learn")) {
    return;
  }
  std::string value = paxos_event_value(event);
  if (value == noop_value || proposed_.count(value) != 0) {
    return;
  }
  report(Violation{std::string(check_name), event.time, event.node,
                   fmt::format("slot {}: {} learned {}, which no proposer or client proposed",
                               event.number("slot"), event.node.name(), value)});
}

}  // namespace faultline
