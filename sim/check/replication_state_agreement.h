// File: replication_state_agreement.h
// Check `replication.state_agreement`: no two replicas apply different effects at the same log
// index (`replication.apply index=I digest=D`; the digest covers the key, value and version a put
// installs). This is what semi-active replication must keep when every replica executes every
// request: each nondeterministic choice is the leader's (Powell 1991), so a follower choosing for
// itself (bug followers_choose) diverges here.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "sim/check/checker.h"

namespace faultline {

class StateAgreementChecker final : public Checker {
 public:
  static constexpr std::string_view check_name = "replication.state_agreement";

  std::string_view name() const override { return check_name; }
  void observe(const TraceEvent& event) override;

 private:
  struct Applied {
    int64_t digest;
    NodeId node;
    Time at;
  };
  std::unordered_map<int64_t, Applied> applied_by_index_;
};

}  // namespace faultline
