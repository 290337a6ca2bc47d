// File: paxos_state_machine.cc
// Multi-Paxos state machine safety over paxos.execute events.
#include "sim/check/paxos_state_machine.h"

#include <fmt/format.h>

namespace faultline {

void PaxosStateMachineChecker::observe(const TraceEvent& event) {
  if (event.component == "node" && (event.name == "crash" || event.name == "restart")) {
    last_executed_.erase(event.node);  // a restarted replica executes again from slot 1
    return;
  }
  if (event.is("paxos", "execute")) {
    observe_execute(event);
  }
}

void PaxosStateMachineChecker::observe_execute(const TraceEvent& event) {
  int64_t slot = event.number("slot");
  std::string_view digest = event.text("digest");
  int64_t& last = last_executed_[event.node];
  if (slot != last + 1) {
    report(Violation{std::string(check_name), event.time, event.node,
                     fmt::format("{} executed slot {} after slot {} (slots execute in order, "
                                 "without gaps)",
                                 event.node.name(), slot, last)});
    return;
  }
  last = slot;
  size_t position = static_cast<size_t>(slot - 1);
  if (position >= first_execute_.size()) {
    first_execute_.resize(position + 1);
  }
  FirstExecute& first = first_execute_[position];
  if (first.node.is_none()) {
    first = FirstExecute{std::string(digest), event.node, event.time};
    return;
  }
  if (first.digest == digest) {
    return;
  }
  report(Violation{
      std::string(check_name), event.time, event.node,
      fmt::format("slot {}: {} executed {} (at {}), {} executed {}", slot, first.node.name(),
                  first.digest, format_seconds(first.executed_at), event.node.name(), digest)});
}

}  // namespace faultline
