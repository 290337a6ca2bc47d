// File: replication_checkers.cc
// The replication checkers by check id (protocol_checkers.h).
#include "sim/check/protocol_checkers.h"
#include "sim/check/replication_convergence.h"
#include "sim/check/replication_no_lost_write.h"
#include "sim/check/replication_one_primary.h"
#include "sim/check/replication_state_agreement.h"

namespace faultline {

std::unique_ptr<Checker> make_replication_checker(const std::string& name,
                                                  uint32_t /*server_count*/) {
  if (name == OnePrimaryPerEpochChecker::check_name) {
    return std::make_unique<OnePrimaryPerEpochChecker>();
  }
  if (name == NoLostWriteChecker::check_name) {
    return std::make_unique<NoLostWriteChecker>();
  }
  if (name == ConvergenceChecker::check_name) {
    return std::make_unique<ConvergenceChecker>();
  }
  if (name == StateAgreementChecker::check_name) {
    return std::make_unique<StateAgreementChecker>();
  }
  return nullptr;
}

}  // namespace faultline
