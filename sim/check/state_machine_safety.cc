// File: state_machine_safety.cc
// State Machine Safety over raft.apply events.
#include "sim/check/state_machine_safety.h"

#include <fmt/format.h>

#include "sim/base/check.h"
#include "sim/check/raft_event.h"

namespace faultline {

void StateMachineSafetyChecker::observe(const TraceEvent& event) {
  if (!event.is("raft", "apply")) {
    return;
  }
  RaftEvent apply = decode_raft_event(event);
  FL_CHECK(apply.index >= 1, "{} applied index {}", apply.node.name(), apply.index);
  size_t position = static_cast<size_t>(apply.index - 1);
  if (position >= first_apply_.size()) {
    first_apply_.resize(position + 1);
  }
  FirstApply& first = first_apply_[position];
  if (first.node.is_none()) {
    first = FirstApply{apply.term, apply.digest, apply.node, apply.time};
    return;
  }
  if (first.term == apply.term && first.digest == apply.digest) {
    return;
  }
  report(Violation{
      std::string(check_name), apply.time, apply.node,
      fmt::format("index {}: {} applied term={} digest={} (at {}), {} applied term={} "
                  "digest={}",
                  apply.index, first.node.name(), first.term, first.digest,
                  format_seconds(first.applied_at), apply.node.name(), apply.term, apply.digest)});
}

}  // namespace faultline
