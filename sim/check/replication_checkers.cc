// File: replication_checkers.cc
// The replication checkers by check id (protocol_checkers.h).
#include "sim/check/protocol_checkers.h"

namespace faultline {

std::unique_ptr<Checker> make_replication_checker(const std::string& name, uint32_t server_count) {
  (void)name;
  (void)server_count;
  return nullptr;
}

}  // namespace faultline
