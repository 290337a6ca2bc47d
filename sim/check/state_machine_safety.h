// File: state_machine_safety.h
// Check `raft.state_machine_safety`: if a server has applied a log entry at a given index to its
// state machine, no other server will ever apply a different log entry for the same index
// (Ongaro & Ousterhout 2014, Figure 3; section 5.4.3). Keeps index -> (term, digest) of the first
// apply seen anywhere; a later apply at that index with a different (term, digest) fires. A node
// re-applying its log after a restart applies the same entries and passes.
#pragma once

#include <string_view>
#include <vector>

#include "sim/check/checker.h"

namespace faultline {

class StateMachineSafetyChecker final : public Checker {
 public:
  static constexpr std::string_view check_name = "raft.state_machine_safety";

  std::string_view name() const override { return check_name; }
  void observe(const TraceEvent& event) override;

 private:
  struct FirstApply {
    int64_t term = 0;
    int64_t digest = 0;
    NodeId node;  // none: nothing applied at this index yet
    Time applied_at;
  };

  std::vector<FirstApply> first_apply_;  // by index - 1; applies arrive in index order per node
};

}  // namespace faultline
