// File: replication_one_primary.h
// Check `replication.one_primary_per_epoch`: at most one replica becomes primary in a given epoch
// (view), the property epochs exist for (Oki and Liskov 1988; Liskov and Cowling 2012, section 4:
// "the primary of a view is unique"). Decided from `replication.become_primary epoch=E` and, for
// the active strategy, `raft.become_leader term=T` or `paxos.become_leader ballot=B` (the term or
// ballot is that log's epoch), each in its own namespace. The same node announcing the same epoch
// twice does not fire.
#pragma once

#include <cstdint>
#include <map>
#include <string_view>

#include "sim/check/checker.h"

namespace faultline {

class OnePrimaryPerEpochChecker final : public Checker {
 public:
  static constexpr std::string_view check_name = "replication.one_primary_per_epoch";

  std::string_view name() const override { return check_name; }
  void observe(const TraceEvent& event) override;

 private:
  struct Primary {
    NodeId node;
    Time at;
  };
  void record(std::map<int64_t, Primary>& primaries, std::string_view what, int64_t epoch,
              const TraceEvent& event);

  // Touched once per election; ordered maps keep the evidence deterministic.
  std::map<int64_t, Primary> primary_by_epoch_;
  std::map<int64_t, Primary> leader_by_term_;
  std::map<int64_t, Primary> leader_by_ballot_;
};

}  // namespace faultline
