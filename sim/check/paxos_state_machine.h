// File: paxos_state_machine.h
// Check `paxos.state_machine_safety` for Multi-Paxos ("Paxos Made Simple" section 3: the servers
// execute the same sequence of commands, in slot order). Reads `paxos.execute slot=S digest=D`:
//  * no two replicas execute different commands (digests) at one slot;
//  * each replica executes slots in order 1, 2, 3, ... without gaps or repeats; a replica that
//    crashes starts over (its state machine is volatile, it re-executes from slot 1 after
//    `node.restart`).
// Keeps slot -> the first execution seen (digest, node, time) and, per node, the last slot it
// executed since its last start.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/check/checker.h"

namespace faultline {

class PaxosStateMachineChecker final : public Checker {
 public:
  static constexpr std::string_view check_name = "paxos.state_machine_safety";

  std::string_view name() const override { return check_name; }
  void observe(const TraceEvent& event) override;

 private:
  struct FirstExecute {
    std::string digest;
    NodeId node;  // none: nothing executed at this slot yet
    Time executed_at;
  };

  void observe_execute(const TraceEvent& event);

  std::vector<FirstExecute> first_execute_;  // by slot - 1
  std::map<NodeId, int64_t> last_executed_;  // per node since its last start; absent = 0
};

}  // namespace faultline
