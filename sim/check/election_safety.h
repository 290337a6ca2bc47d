// File: election_safety.h
// Check `raft.election_safety`: at most one leader can be elected in a given term (Ongaro &
// Ousterhout 2014, Figure 3; argued in section 5.2: each server votes at most once per term and a
// leader needs a majority). Keeps term -> first leader; a different node becoming leader of a term
// that already has one fires. The same node announcing the same term twice does not.
#pragma once

#include <string_view>
#include <unordered_map>

#include "sim/check/checker.h"

namespace faultline {

class ElectionSafetyChecker final : public Checker {
 public:
  static constexpr std::string_view check_name = "raft.election_safety";

  std::string_view name() const override { return check_name; }
  void observe(const TraceEvent& event) override;

 private:
  struct Leader {
    NodeId node;
    Time elected_at;
  };

  // Touched only on become_leader (once per election), so a hash map's per-term allocation is
  // off the hot path; terms can be sparse, which rules out a vector indexed by term.
  std::unordered_map<int64_t, Leader> leader_by_term_;
};

}  // namespace faultline
