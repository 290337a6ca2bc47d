// File: multi_paxos_checker_test.cc
// paxos.state_machine_safety ("Paxos Made Simple" section 3): one command per slot across
// replicas, and each replica executes slots 1, 2, 3, ... in order.
#include <catch2/catch.hpp>

#include <vector>

#include "sim/check/paxos_state_machine.h"
#include "tests/check_test_events.h"

namespace faultline {
namespace {

using check_test::ms;
using check_test::stamped;

TraceEvent execute(int64_t t, uint32_t node, int64_t slot, std::string_view digest) {
  return stamped(TraceEvent("paxos", "execute", {{"slot", slot}, {"digest", digest}}), t, node);
}

size_t feed(Checker& checker, const std::vector<TraceEvent>& events) {
  size_t fed = 0;
  for (const TraceEvent& event : events) {
    checker.observe(event);
    ++fed;
    if (checker.fired()) {
      break;
    }
  }
  return fed;
}

TEST_CASE("paxos state machine safety passes equal executions and re-execution after restart",
          "[multi_paxos][check]") {
  PaxosStateMachineChecker checker;
  std::vector<TraceEvent> events = {execute(10, 1, 1, "c1-1"),  execute(11, 2, 1, "c1-1"),
                                    execute(12, 1, 2, "noop"),  check_test::crash(20, 1),
                                    check_test::restart(30, 1), execute(31, 1, 1, "c1-1"),
                                    execute(31, 1, 2, "noop"),  execute(40, 1, 3, "c2-1"),
                                    execute(41, 2, 2, "noop"),  execute(42, 3, 1, "c1-1")};
  REQUIRE(feed(checker, events) == events.size());
  REQUIRE_FALSE(checker.fired());
  CHECK(checker.name() == "paxos.state_machine_safety");
}

TEST_CASE("paxos state machine safety fires on two commands at one slot", "[multi_paxos][check]") {
  PaxosStateMachineChecker checker;
  std::vector<TraceEvent> events = {execute(100, 1, 1, "c1-1"), execute(110, 2, 1, "c1-1"),
                                    execute(120, 1, 2, "c1-2"), execute(130, 3, 1, "c1-1"),
                                    execute(140, 3, 2, "noop"), execute(150, 2, 2, "c1-2")};
  REQUIRE(feed(checker, events) == 5);
  const Violation& violation = *checker.violation();
  CHECK(violation.check == "paxos.state_machine_safety");
  CHECK(violation.at == ms(140));
  CHECK(violation.node == NodeId::server(3));
  CHECK(violation.message == "slot 2: n1 executed c1-2 (at 0.120000000s), n3 executed noop");
}

TEST_CASE("paxos state machine safety fires on a gap in one replica's execution",
          "[multi_paxos][check]") {
  PaxosStateMachineChecker checker;
  REQUIRE(feed(checker, {execute(10, 1, 1, "c1-1"), execute(20, 1, 3, "c1-3")}) == 2);
  REQUIRE(checker.fired());
  CHECK(checker.violation()->node == NodeId::server(1));
  CHECK(checker.violation()->message ==
        "n1 executed slot 3 after slot 1 (slots execute in order, without gaps)");
}

TEST_CASE("paxos state machine safety fires on a repeat without a restart",
          "[multi_paxos][check]") {
  PaxosStateMachineChecker checker;
  feed(checker, {execute(10, 2, 1, "c1-1"), execute(20, 2, 1, "c1-1")});
  REQUIRE(checker.fired());
  CHECK(checker.violation()->message ==
        "n2 executed slot 1 after slot 1 (slots execute in order, without gaps)");
}

TEST_CASE("paxos state machine safety ignores other events", "[multi_paxos][check]") {
  PaxosStateMachineChecker checker;
  feed(checker, {stamped(TraceEvent("paxos", "learn", {{"slot", 7}, {"value", "x"}}), 1, 1),
                 stamped(TraceEvent("raft", "apply", {{"index", 5}}), 2, 1)});
  CHECK_FALSE(checker.fired());
}

}  // namespace
}  // namespace faultline
