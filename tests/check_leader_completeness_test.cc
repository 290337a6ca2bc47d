// File: check_leader_completeness_test.cc
// raft.leader_completeness (Ongaro & Ousterhout 2014, Figure 3, section 5.4.3): Figure 8 with and
// without the "commit by counting old-term replicas" bug (section 5.4.2, reference-scenarios.md
// R-03), commits of entries a node does not hold, two committed histories, recovery.
#include <catch2/catch.hpp>

#include "sim/check/leader_completeness.h"
#include "tests/check_test_events.h"

namespace faultline {
namespace {

using namespace check_test;

TEST_CASE("leader completeness passes Figure 8 branch (d) of a correct Raft", "[check]") {
  LeaderCompletenessChecker checker;
  std::vector<TraceEvent> events = figure8(/*commit_by_counting=*/false);
  REQUIRE(feed(checker, events) == events.size());
  REQUIRE_FALSE(checker.fired());
  CHECK(checker.committed_length() == 3);
}

TEST_CASE("leader completeness catches Figure 8 with commit by counting", "[check]") {
  LeaderCompletenessChecker checker;
  feed(checker, figure8(/*commit_by_counting=*/true));
  REQUIRE(checker.fired());
  const Violation& violation = *checker.violation();
  CHECK(violation.check == "raft.leader_completeness");
  CHECK(violation.at == ms(700));
  CHECK(violation.node == NodeId::server(5));
  CHECK(violation.message ==
        "n5 became leader of term 5 without committed entry index=2 term=2 digest=22 (committed "
        "by n1 at 0.520000000s): its log has term=3 digest=32 at index 2");
}

TEST_CASE("leader completeness fires on a leader whose log is too short", "[check]") {
  LeaderCompletenessChecker checker;
  std::vector<TraceEvent> events;
  append_log(events, 100, 1, {{1, 11}, {1, 12}, {1, 13}});
  append_log(events, 100, 2, {{1, 11}, {1, 12}, {1, 13}});
  append_log(events, 100, 3, {{1, 11}});
  events.push_back(commit(200, 1, 3, 1));
  events.push_back(become_leader(300, 2, 2));  // holds everything: fine
  events.push_back(become_leader(400, 3, 3));  // lacks 2 and 3
  REQUIRE(feed(checker, events) == events.size());
  REQUIRE(checker.fired());
  CHECK(checker.violation()->at == ms(400));
  CHECK(checker.violation()->node == NodeId::server(3));
  CHECK(checker.violation()->message ==
        "n3 became leader of term 3 without committed entry index=2 term=1 digest=12 (committed "
        "by n1 at 0.200000000s): its log ends at index 1");
}

TEST_CASE("leader completeness only demands entries of earlier terms", "[check]") {
  // An entry committed in term 3 says nothing about a leader of term 3 itself (that would be an
  // election safety matter), only about leaders of terms 4 and later.
  LeaderCompletenessChecker checker;
  std::vector<TraceEvent> events;
  append_log(events, 100, 1, {{1, 11}, {3, 32}});
  append_log(events, 100, 2, {{1, 11}});
  events.push_back(commit(200, 1, 2, 3));
  events.push_back(become_leader(300, 2, 3));
  feed(checker, events);
  REQUIRE_FALSE(checker.fired());
  checker.observe(become_leader(400, 2, 4));
  REQUIRE(checker.fired());
  CHECK(checker.violation()->at == ms(400));
}

TEST_CASE("leader completeness fires on a commit of an entry the node does not hold", "[check]") {
  LeaderCompletenessChecker missing;
  feed(missing, {append(100, 2, 1, 1, 11), append(100, 2, 2, 1, 12), commit(200, 2, 3, 1)});
  REQUIRE(missing.fired());
  CHECK(missing.violation()->check == "raft.leader_completeness");
  CHECK(missing.violation()->at == ms(200));
  CHECK(missing.violation()->node == NodeId::server(2));
  CHECK(missing.violation()->message ==
        "n2 committed index=3 term=1 but its own log ends at index 2");

  LeaderCompletenessChecker wrong_term;
  feed(wrong_term, {append(100, 2, 1, 1, 11), append(100, 2, 2, 1, 12), commit(200, 2, 2, 2)});
  REQUIRE(wrong_term.fired());
  CHECK(wrong_term.violation()->message ==
        "n2 committed index=2 term=2 but its own log has term=1 digest=12 at index 2");
}

TEST_CASE("leader completeness fires on two different committed histories", "[check]") {
  std::vector<TraceEvent> events;
  append_log(events, 100, 1, {{1, 11}, {2, 22}});
  append_log(events, 100, 5, {{1, 11}, {3, 32}, {3, 33}});
  events.push_back(commit(200, 1, 2, 2));
  SECTION("at an index already committed") {
    events.push_back(commit(300, 5, 2, 3));
  }
  SECTION("past the committed prefix") {
    events.push_back(commit(300, 5, 3, 3));
  }
  LeaderCompletenessChecker checker;
  REQUIRE(feed(checker, events) == events.size());
  REQUIRE(checker.fired());
  CHECK(checker.violation()->at == ms(300));
  CHECK(checker.violation()->node == NodeId::server(5));
  CHECK_THAT(checker.violation()->message,
             Catch::StartsWith("two different committed histories: n5 committed index=") &&
                 Catch::EndsWith("but its log has term=3 digest=32 at index 2 where index=2 "
                                 "term=2 digest=22 (committed by n1 at 0.200000000s) was already "
                                 "committed"));
}

TEST_CASE("leader completeness accepts lagging and extending commits of one history", "[check]") {
  LeaderCompletenessChecker checker;
  std::vector<TraceEvent> events;
  append_log(events, 100, 1, {{1, 11}, {1, 12}, {2, 23}, {2, 24}});
  append_log(events, 100, 2, {{1, 11}, {1, 12}});
  events.push_back(commit(200, 1, 3, 2));
  events.push_back(commit(210, 2, 1, 1));  // behind the committed prefix
  events.push_back(commit(220, 2, 2, 1));
  events.push_back(commit(230, 1, 4, 2));  // extends it
  REQUIRE(feed(checker, events) == events.size());
  REQUIRE_FALSE(checker.fired());
  CHECK(checker.committed_length() == 4);
}

TEST_CASE("leader completeness: recover replaces the mirror (lost committed entry)", "[check]") {
  // n1 commits [1, 2], crashes, and recovers only index 1 (an unsynced committed entry lost):
  // becoming leader of a later term with that log must fire; recovering both must not.
  for (int64_t recovered : {int64_t{1}, int64_t{2}}) {
    LeaderCompletenessChecker checker;
    std::vector<TraceEvent> events;
    append_log(events, 100, 1, {{1, 11}, {1, 12}});
    events.push_back(commit(200, 1, 2, 1));
    events.push_back(crash(300, 1));
    events.push_back(restart(400, 1));
    events.push_back(recover(400, 1, 1, recovered));
    events.push_back(append(400, 1, 1, 1, 11));
    if (recovered == 2) {
      events.push_back(append(400, 1, 2, 1, 12));
    }
    events.push_back(become_leader(500, 1, 2));
    feed(checker, events);
    if (recovered == 1) {
      REQUIRE(checker.fired());
      CHECK(checker.violation()->at == ms(500));
      CHECK(checker.violation()->node == NodeId::server(1));
      CHECK(checker.violation()->message ==
            "n1 became leader of term 2 without committed entry index=2 term=1 digest=12 "
            "(committed by n1 at 0.200000000s): its log ends at index 1");
    } else {
      REQUIRE_FALSE(checker.fired());
    }
  }
}

}  // namespace
}  // namespace faultline
