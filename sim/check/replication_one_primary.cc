// File: replication_one_primary.cc
#include "sim/check/replication_one_primary.h"

#include <fmt/format.h>

namespace faultline {

void OnePrimaryPerEpochChecker::observe(const TraceEvent& event) {
  if (event.is("replication", "become_primary")) {
    record(primary_by_epoch_, "epoch", event.number("epoch"), event);
  } else if (event.is("raft", "become_leader")) {
    record(leader_by_term_, "term", event.number("term"), event);
  } else if (event.is("paxos", "become_leader")) {
    record(leader_by_ballot_, "ballot", event.number("ballot"), event);
  }
}

void OnePrimaryPerEpochChecker::record(std::map<int64_t, Primary>& primaries, std::string_view what,
                                       int64_t epoch, const TraceEvent& event) {
  auto [position, inserted] = primaries.try_emplace(epoch, Primary{event.node, event.time});
  const Primary& first = position->second;
  if (inserted || first.node == event.node) {
    return;
  }
  report(Violation{std::string(check_name), event.time, event.node,
                   fmt::format("{} {} has two primaries: {} (at {}) and {}", what, epoch,
                               first.node.name(), format_seconds(first.at), event.node.name())});
}

}  // namespace faultline
