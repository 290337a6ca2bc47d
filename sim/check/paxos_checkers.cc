// File: paxos_checkers.cc
// The paxos checkers by check id (protocol_checkers.h): paxos.agreement and paxos.validity
// (protocols/paxos/README.md). Multi-Paxos appends its state machine check here.
#include "sim/check/paxos_agreement.h"
#include "sim/check/paxos_validity.h"
#include "sim/check/protocol_checkers.h"

namespace faultline {

std::unique_ptr<Checker> make_paxos_checker(const std::string& name, uint32_t server_count) {
  if (name == PaxosAgreementChecker::check_name) {
    return std::make_unique<PaxosAgreementChecker>(server_count);
  }
  if (name == PaxosValidityChecker::check_name) {
    return std::make_unique<PaxosValidityChecker>();
  }
  return nullptr;
}

}  // namespace faultline
