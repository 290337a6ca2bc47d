// File: check_catalog.h
// The protocols a scenario may run and the check ids each one publishes events for. Shared by
// the scenario parser (which rejects a check the protocol cannot fail: a check that never sees
// its events would pass vacuously) and the checker set (which builds them). Owns the one list of
// check ids; adding a checker means adding its id here.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace faultline {

// raft, paxos, multi_paxos, heartbeat, replication.
std::span<const std::string_view> protocol_names();
bool is_known_protocol(std::string_view protocol);
// The check ids a scenario of `protocol` may list, in a fixed order (empty for an unknown
// protocol).
std::vector<std::string_view> allowed_checks(std::string_view protocol);
// The checks a scenario of `protocol` runs when it lists none: for raft the four safety
// properties of Ongaro and Ousterhout's Figure 3 and the commit audit.
std::vector<std::string_view> default_checks(std::string_view protocol);
// Whether `check` judges the client history (linearizable, replication.no_lost_write): a scenario
// without clients cannot fail it, so it may not list it.
bool needs_client_history(std::string_view check);
// Every check id of every protocol, without repeats, in a fixed order.
std::vector<std::string_view> all_checks();

}  // namespace faultline
