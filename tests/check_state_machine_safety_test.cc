// File: check_state_machine_safety_test.cc
// raft.state_machine_safety (Ongaro & Ousterhout 2014, Figure 3, section 5.4.3).
#include <catch2/catch.hpp>

#include "sim/check/state_machine_safety.h"
#include "tests/check_test_events.h"

namespace faultline {
namespace {

using namespace check_test;

TEST_CASE("state machine safety passes equal applies, re-applies after restart, Figure 8 (d)",
          "[check]") {
  StateMachineSafetyChecker checker;
  std::vector<TraceEvent> events = {
      apply(10, 1, 1, 1, 11), apply(11, 2, 1, 1, 11), apply(12, 1, 2, 1, 12),
      crash(20, 1),           restart(30, 1),         apply(40, 1, 1, 1, 11),
      apply(40, 1, 2, 1, 12), apply(50, 3, 1, 1, 11), apply(50, 3, 2, 1, 12)};
  REQUIRE(feed(checker, events) == events.size());
  REQUIRE_FALSE(checker.fired());

  StateMachineSafetyChecker figure8_checker;
  feed(figure8_checker, figure8(/*commit_by_counting=*/false));
  REQUIRE_FALSE(figure8_checker.fired());
}

TEST_CASE("state machine safety fires on a different apply at one index", "[check]") {
  StateMachineSafetyChecker checker;
  std::vector<TraceEvent> events = {apply(100, 1, 1, 1, 11), apply(110, 1, 2, 2, 22),
                                    apply(200, 5, 1, 1, 11), apply(210, 5, 2, 3, 32),
                                    apply(220, 2, 2, 2, 22)};
  REQUIRE(feed(checker, events) == 4);
  const Violation& violation = *checker.violation();
  CHECK(violation.check == "raft.state_machine_safety");
  CHECK(violation.at == ms(210));
  CHECK(violation.node == NodeId::server(5));
  CHECK(violation.message ==
        "index 2: n1 applied term=2 digest=22 (at 0.110000000s), n5 applied term=3 digest=32");
}

TEST_CASE("state machine safety fires on the same term with another digest", "[check]") {
  StateMachineSafetyChecker checker;
  feed(checker, {apply(100, 1, 1, 1, 11), apply(150, 2, 1, 1, 12)});
  REQUIRE(checker.fired());
  CHECK(checker.violation()->node == NodeId::server(2));
  CHECK(checker.violation()->message ==
        "index 1: n1 applied term=1 digest=11 (at 0.100000000s), n2 applied term=1 digest=12");
}

TEST_CASE("state machine safety catches Figure 8 with commit by counting", "[check]") {
  StateMachineSafetyChecker checker;
  feed(checker, figure8(/*commit_by_counting=*/true));
  REQUIRE(checker.fired());
  const Violation& violation = *checker.violation();
  CHECK(violation.at == ms(760));
  CHECK(violation.node == NodeId::server(5));
  CHECK(violation.message ==
        "index 2: n1 applied term=2 digest=22 (at 0.520000000s), n5 applied term=3 digest=32");
}

TEST_CASE("state machine safety hashes text digests", "[check]") {
  StateMachineSafetyChecker checker;
  TraceEvent first = stamped(
      TraceEvent("raft", "apply", {{"index", 1}, {"term", 1}, {"digest", "put:k1=a"}}), 10, 1);
  TraceEvent same = stamped(
      TraceEvent("raft", "apply", {{"index", 1}, {"term", 1}, {"digest", "put:k1=a"}}), 20, 2);
  TraceEvent other = stamped(
      TraceEvent("raft", "apply", {{"index", 1}, {"term", 1}, {"digest", "put:k1=b"}}), 30, 3);
  checker.observe(first);
  checker.observe(same);
  REQUIRE_FALSE(checker.fired());
  checker.observe(other);
  REQUIRE(checker.fired());
  CHECK(checker.violation()->node == NodeId::server(3));
}

}  // namespace
}  // namespace faultline
