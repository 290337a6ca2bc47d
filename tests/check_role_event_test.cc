// File: check_role_event_test.cc
// The role and progress vocabulary across protocols (sim/base/role_event.h), and the liveness
// checker judging Paxos ballots and replication epochs with it.
#include <catch2/catch.hpp>

#include "sim/base/role_event.h"
#include "sim/check/liveness.h"
#include "tests/check_test_events.h"

namespace faultline {
namespace {

using check_test::ms;
using check_test::stamped;

TraceEvent event(std::string_view component, std::string_view name, std::string_view key,
                 int64_t value, int64_t t = 0, uint32_t node = 1) {
  return stamped(TraceEvent(component, name, {{key, value}}), t, node);
}

TEST_CASE("decode_role_event maps each protocol's role and progress events", "[check]") {
  struct Case {
    TraceEvent event;
    RoleEvent::Kind kind;
    int64_t epoch;
    int64_t index;
  };
  const Case cases[] = {
      {event("raft", "become_leader", "term", 4), RoleEvent::Kind::leader, 4, 0},
      {event("raft", "become_follower", "term", 5), RoleEvent::Kind::follower, 5, 0},
      {event("raft", "become_candidate", "term", 6), RoleEvent::Kind::candidate, 6, 0},
      {event("raft", "commit", "index", 7), RoleEvent::Kind::progress, 0, 7},
      {event("paxos", "become_leader", "ballot", 3 * 256 + 2), RoleEvent::Kind::leader, 770, 0},
      {event("paxos", "become_follower", "ballot", 1025), RoleEvent::Kind::follower, 1025, 0},
      {event("paxos", "learn", "slot", 9), RoleEvent::Kind::progress, 0, 9},
      {event("replication", "become_primary", "epoch", 2), RoleEvent::Kind::leader, 2, 0},
      {event("replication", "become_backup", "epoch", 3), RoleEvent::Kind::follower, 3, 0},
      {event("replication", "commit", "index", 11), RoleEvent::Kind::progress, 0, 11},
      {event("paxos", "accepted", "slot", 1), RoleEvent::Kind::other, 0, 0},
      {event("net", "deliver", "id", 1), RoleEvent::Kind::other, 0, 0},
  };
  for (const Case& expected : cases) {
    RoleEvent decoded = decode_role_event(expected.event);
    INFO(expected.event.component << "." << expected.event.name);
    CHECK(decoded.kind == expected.kind);
    CHECK(decoded.epoch == expected.epoch);
    CHECK(decoded.index == expected.index);
  }
}

TEST_CASE("liveness: a Paxos leader counts only while no live node knows a higher ballot",
          "[check]") {
  LivenessChecker liveness;
  liveness.observe(event("paxos", "become_follower", "ballot", 2 * 256 + 3, 0, 3));
  liveness.arm(ms(10), Duration::milliseconds(100), std::nullopt);
  // n1 leads ballot (1, n1), below the ballot (2, n3) that n3 has seen: not the current leader.
  liveness.observe(event("paxos", "become_leader", "ballot", 1 * 256 + 1, 20, 1));
  CHECK_FALSE(liveness.leader_met_at());
  // n2 leads ballot (2, n3)+1: the highest of any live node.
  liveness.observe(event("paxos", "become_leader", "ballot", 3 * 256 + 2, 40, 2));
  REQUIRE(liveness.leader_met_at());
  CHECK(*liveness.leader_met_at() == ms(40));
  liveness.finish_phase(ms(200));
  CHECK_FALSE(liveness.fired());
}

TEST_CASE("liveness: commits resume on a learned slot above the baseline", "[check]") {
  LivenessChecker liveness;
  liveness.observe(event("paxos", "learn", "slot", 4, 0, 1));
  liveness.arm(ms(10), std::nullopt, Duration::milliseconds(100));
  liveness.observe(event("paxos", "learn", "slot", 4, 20, 2));  // the same slot on another learner
  CHECK_FALSE(liveness.commits_met_at());
  liveness.observe(event("paxos", "learn", "slot", 5, 30, 2));
  REQUIRE(liveness.commits_met_at());
  CHECK(*liveness.commits_met_at() == ms(30));
}

TEST_CASE("liveness: a replication epoch without a primary fails leader_within", "[check]") {
  LivenessChecker liveness;
  liveness.observe(event("replication", "become_primary", "epoch", 1, 0, 1));
  liveness.observe(event("replication", "become_backup", "epoch", 2, 5, 2));
  liveness.arm(ms(10), Duration::milliseconds(100), std::nullopt);
  liveness.finish_phase(ms(200));
  REQUIRE(liveness.fired());
  CHECK(liveness.violation()->check == "liveness.leader");
}

}  // namespace
}  // namespace faultline
