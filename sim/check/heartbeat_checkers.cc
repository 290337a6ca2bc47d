// File: heartbeat_checkers.cc
// The heartbeat checkers by check id (protocol_checkers.h): fd.qos, the failure detectors'
// quality-of-service figures (fd_qos.h).
#include "sim/check/fd_qos.h"
#include "sim/check/protocol_checkers.h"

namespace faultline {

std::unique_ptr<Checker> make_heartbeat_checker(const std::string& name, uint32_t server_count) {
  if (name == FdQosChecker::check_name) {
    return std::make_unique<FdQosChecker>(server_count);
  }
  return nullptr;
}

}  // namespace faultline
