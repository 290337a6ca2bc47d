// File: role_event.cc
#include "sim/base/role_event.h"

namespace faultline {
namespace {

struct RoleName {
  std::string_view component;
  std::string_view name;
  RoleEvent::Kind kind;
  std::string_view field;
};

constexpr RoleName role_names[] = {
    {"raft", "become_leader", RoleEvent::Kind::leader, "term"},
    {"raft", "become_follower", RoleEvent::Kind::follower, "term"},
    {"raft", "become_candidate", RoleEvent::Kind::candidate, "term"},
    {"raft", "commit", RoleEvent::Kind::progress, "index"},
    {"paxos", "become_leader", RoleEvent::Kind::leader, "ballot"},
    {"paxos", "become_follower", RoleEvent::Kind::follower, "ballot"},
    {"paxos", "learn", RoleEvent::Kind::progress, "slot"},
    {"replication", "become_primary", RoleEvent::Kind::leader, "epoch"},
    {"replication", "become_backup", RoleEvent::Kind::follower, "epoch"},
    {"replication", "commit", RoleEvent::Kind::progress, "index"},
};

}  // namespace

RoleEvent decode_role_event(const TraceEvent& event) {
  RoleEvent decoded;
  if (event.component != "raft" && event.component != "paxos" && event.component != "replication") {
    return decoded;
  }
  for (const RoleName& role : role_names) {
    if (event.component == role.component && event.name == role.name) {
      decoded.kind = role.kind;
      int64_t value = event.number(role.field);
      (role.kind == RoleEvent::Kind::progress ? decoded.index : decoded.epoch) = value;
      break;
    }
  }
  return decoded;
}

}  // namespace faultline
