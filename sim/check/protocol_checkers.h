// File: protocol_checkers.h
// Construction of the checkers of protocols other than Raft, one function per protocol family,
// each defined in sim/check/<family>_checkers.cc beside its checkers. CheckerSet::make asks each
// in turn for a check id it does not know itself; the ids are listed in sim/base/check_catalog.h.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "sim/check/checker.h"

namespace faultline {

// paxos.agreement, paxos.validity, paxos.state_machine_safety; nullptr for any other id.
std::unique_ptr<Checker> make_paxos_checker(const std::string& name, uint32_t server_count);
// fd.qos; nullptr for any other id.
std::unique_ptr<Checker> make_heartbeat_checker(const std::string& name, uint32_t server_count);
// replication.one_primary_per_epoch, replication.no_lost_write, replication.state_agreement,
// replication.convergence;
// nullptr for any other id.
std::unique_ptr<Checker> make_replication_checker(const std::string& name, uint32_t server_count);

}  // namespace faultline
