// File: check_election_safety_test.cc
// raft.election_safety (Ongaro & Ousterhout 2014, Figure 3, section 5.2) over synthetic events.
#include <catch2/catch.hpp>

#include "sim/check/election_safety.h"
#include "tests/check_test_events.h"

namespace faultline {
namespace {

using namespace check_test;

TEST_CASE("election safety passes one leader per term, repeats and Figure 8", "[check]") {
  ElectionSafetyChecker checker;
  std::vector<TraceEvent> events = {
      become_candidate(10, 1, 1), become_leader(20, 1, 1), become_leader(25, 1, 1), noise(26, 2),
      become_follower(30, 1, 2),  become_leader(40, 2, 2), become_leader(50, 3, 3), crash(60, 3),
      become_leader(70, 1, 4)};
  REQUIRE(feed(checker, events) == events.size());
  REQUIRE_FALSE(checker.fired());

  ElectionSafetyChecker figure8_checker;
  std::vector<TraceEvent> figure8_events = figure8(/*commit_by_counting=*/true);
  feed(figure8_checker, figure8_events);
  REQUIRE_FALSE(figure8_checker.fired());
}

TEST_CASE("election safety fires on a second leader of the same term", "[check]") {
  ElectionSafetyChecker checker;
  std::vector<TraceEvent> events = {become_leader(1200, 1, 5), become_leader(1300, 2, 6),
                                    become_leader(1500, 3, 5), become_leader(1600, 4, 5)};
  REQUIRE(feed(checker, events) == 3);
  REQUIRE(checker.fired());
  const Violation& violation = *checker.violation();
  CHECK(violation.check == "raft.election_safety");
  CHECK(violation.at == ms(1500));
  CHECK(violation.node == NodeId::server(3));
  CHECK(violation.message == "term 5 has two leaders: n1 (at 1.200000000s) and n3");
  CHECK(violation.to_string() ==
        "raft.election_safety at 1.500000000s on n3: term 5 has two leaders: n1 (at "
        "1.200000000s) and n3");
}

TEST_CASE("election safety remembers terms across crashes of the first leader", "[check]") {
  ElectionSafetyChecker checker;
  std::vector<TraceEvent> events = {become_leader(100, 2, 7), crash(150, 2), restart(160, 2),
                                    become_leader(200, 4, 7)};
  feed(checker, events);
  REQUIRE(checker.fired());
  CHECK(checker.violation()->node == NodeId::server(4));
  CHECK(checker.violation()->at == ms(200));
}

}  // namespace
}  // namespace faultline
