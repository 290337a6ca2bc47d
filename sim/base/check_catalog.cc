// File: check_catalog.cc
#include "sim/base/check_catalog.h"

#include <algorithm>
#include <array>

namespace faultline {
namespace {

constexpr std::array<std::string_view, 5> protocols = {"raft", "paxos", "multi_paxos", "heartbeat",
                                                       "replication"};

constexpr std::array<std::string_view, 5> raft_checks = {
    "raft.election_safety", "raft.log_matching", "raft.leader_completeness",
    "raft.state_machine_safety", "raft.commit_quorum"};
constexpr std::array<std::string_view, 2> paxos_checks = {"paxos.agreement", "paxos.validity"};
constexpr std::string_view paxos_state_machine = "paxos.state_machine_safety";
constexpr std::string_view fd_qos = "fd.qos";
constexpr std::string_view one_primary = "replication.one_primary_per_epoch";
constexpr std::string_view no_lost_write = "replication.no_lost_write";
constexpr std::string_view state_agreement = "replication.state_agreement";
constexpr std::string_view convergence = "replication.convergence";
constexpr std::string_view linearizable = "linearizable";

void append(std::vector<std::string_view>& out, std::span<const std::string_view> names) {
  out.insert(out.end(), names.begin(), names.end());
}

}  // namespace

std::span<const std::string_view> protocol_names() {
  return protocols;
}

bool needs_client_history(std::string_view check) {
  return check == no_lost_write || check == linearizable;
}

bool is_known_protocol(std::string_view protocol) {
  return std::find(protocols.begin(), protocols.end(), protocol) != protocols.end();
}

std::vector<std::string_view> allowed_checks(std::string_view protocol) {
  std::vector<std::string_view> names;
  if (protocol == "raft") {
    append(names, raft_checks);
    names.push_back(no_lost_write);
    names.push_back(linearizable);
  } else if (protocol == "paxos") {
    append(names, paxos_checks);
  } else if (protocol == "multi_paxos") {
    append(names, paxos_checks);
    names.push_back(paxos_state_machine);
    names.push_back(no_lost_write);
    names.push_back(linearizable);
  } else if (protocol == "heartbeat") {
    names.push_back(fd_qos);
  } else if (protocol == "replication") {
    // The active strategy runs over a Raft or Multi-Paxos log, so those checks apply to it too
    // (the scenario parser narrows this list by strategy and log).
    names.push_back(one_primary);
    names.push_back(no_lost_write);
    names.push_back(state_agreement);
    names.push_back(convergence);  // strategy leaderless only
    names.push_back(linearizable);
    append(names, raft_checks);
    append(names, paxos_checks);  // and Multi-Paxos's, for log multi_paxos
    names.push_back(paxos_state_machine);
    names.push_back(fd_qos);
  }
  return names;
}

std::vector<std::string_view> default_checks(std::string_view protocol) {
  std::vector<std::string_view> names;
  if (protocol == "raft") {
    append(names, raft_checks);
  } else if (protocol == "paxos") {
    append(names, paxos_checks);
  } else if (protocol == "multi_paxos") {
    append(names, paxos_checks);
    names.push_back(paxos_state_machine);
  } else if (protocol == "heartbeat") {
    names.push_back(fd_qos);
  } else if (protocol == "replication") {
    names.push_back(one_primary);
    names.push_back(no_lost_write);
    names.push_back(state_agreement);  // catches a rollback that no later read observes
    names.push_back(convergence);      // leaderless; the parser narrows by strategy
  }
  return names;
}

std::vector<std::string_view> all_checks() {
  std::vector<std::string_view> names;
  for (std::string_view protocol : protocols) {
    for (std::string_view name : allowed_checks(protocol)) {
      if (std::find(names.begin(), names.end(), name) == names.end()) {
        names.push_back(name);
      }
    }
  }
  return names;
}

}  // namespace faultline
