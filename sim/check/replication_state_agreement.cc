// File: replication_state_agreement.cc
#include "sim/check/replication_state_agreement.h"

#include <fmt/format.h>

namespace faultline {

void StateAgreementChecker::observe(const TraceEvent& event) {
  if (!event.is("replication", "apply")) {
    return;
  }
  int64_t index = event.number("index");
  int64_t digest = event.number("digest");
  auto [position, inserted] =
      applied_by_index_.try_emplace(index, Applied{digest, event.node, event.time});
  const Applied& first = position->second;
  if (inserted || first.digest == digest) {
    return;
  }
  report(Violation{
      std::string(check_name), event.time, event.node,
      fmt::format("index {} applied with digest {} on {} (at {}) and {} on {}", index, first.digest,
                  first.node.name(), format_seconds(first.at), digest, event.node.name())});
}

}  // namespace faultline
