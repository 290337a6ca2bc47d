// File: paxos_checkers.cc
// The paxos checkers by check id (protocol_checkers.h).
#include "sim/check/protocol_checkers.h"

#include "sim/check/paxos_state_machine.h"

namespace faultline {

std::unique_ptr<Checker> make_paxos_checker(const std::string& name, uint32_t server_count) {
  if (name == PaxosStateMachineChecker::check_name) {  // Multi-Paxos (helper multipaxos)
    return std::make_unique<PaxosStateMachineChecker>();
  }
  (void)name;
  (void)server_count;
  return nullptr;
}

}  // namespace faultline
