// File: election_safety.cc
// Election Safety over raft.become_leader events.
#include "sim/check/election_safety.h"

#include <fmt/format.h>

#include "sim/check/raft_event.h"

namespace faultline {

void ElectionSafetyChecker::observe(const TraceEvent& event) {
  if (!event.is("raft", "become_leader")) {
    return;
  }
  RaftEvent elected = decode_raft_event(event);
  auto [position, inserted] =
      leader_by_term_.try_emplace(elected.term, Leader{elected.node, elected.time});
  const Leader& first = position->second;
  if (inserted || first.node == elected.node) {
    return;
  }
  report(Violation{
      std::string(check_name), elected.time, elected.node,
      fmt::format("term {} has two leaders: {} (at {}) and {}", elected.term, first.node.name(),
                  format_seconds(first.elected_at), elected.node.name())});
}

}  // namespace faultline
