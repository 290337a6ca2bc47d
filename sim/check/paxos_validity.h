// File: paxos_validity.h
// Check `paxos.validity` ("Paxos Made Simple" section 2: "only a value that has been proposed may
// be chosen"). A value learned (paxos.learn) must have been introduced before by a paxos.propose
// event (a proposer's own value or a client's command), by a client.invoke of a put (its value),
// or be the no-op `noop` that a Multi-Paxos leader uses to fill a gap (section 3).
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "sim/check/checker.h"

namespace faultline {

class PaxosValidityChecker final : public Checker {
 public:
  static constexpr std::string_view check_name = "paxos.validity";
  static constexpr std::string_view noop_value = "noop";

  std::string_view name() const override { return check_name; }
  void observe(const TraceEvent& event) override;

 private:
  std::set<std::string, std::less<>> proposed_;
};

}  // namespace faultline
