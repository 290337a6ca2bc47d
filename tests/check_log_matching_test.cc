// File: check_log_matching_test.cc
// raft.log_matching (Ongaro & Ousterhout 2014, Figure 3, section 5.3): prefix hashes per node and
// the global (index, term) registry, including legal truncation (Figure 7, Figure 8 (d)) and the
// mirror reset on recovery.
#include <catch2/catch.hpp>

#include "sim/check/log_matching.h"
#include "tests/check_test_events.h"

namespace faultline {
namespace {

using namespace check_test;

TEST_CASE("log matching passes Figure 8 branch (d): uncommitted index 2 overwritten", "[check]") {
  for (bool commit_by_counting : {false, true}) {
    LogMatchingChecker checker;
    std::vector<TraceEvent> events = figure8(commit_by_counting);
    REQUIRE(feed(checker, events) == events.size());
    REQUIRE_FALSE(checker.fired());
  }
}

TEST_CASE("log matching passes Figure 7 (f): truncate a conflicting suffix, take the leader's",
          "[check]") {
  LogMatchingChecker checker;
  std::vector<TraceEvent> events;
  // Leader of term 8: 1 1 1 4 4 5 5 6 6 6. Follower (f): 1 1 1 2 2 2 3 3 3 3 3.
  append_log(events, 10, 1,
             {{1, 1}, {1, 2}, {1, 3}, {4, 4}, {4, 5}, {5, 6}, {5, 7}, {6, 8}, {6, 9}, {6, 10}});
  append_log(
      events, 10, 6,
      {{1, 1}, {1, 2}, {1, 3}, {2, 4}, {2, 5}, {2, 6}, {3, 7}, {3, 8}, {3, 9}, {3, 10}, {3, 11}});
  events.push_back(truncate(20, 6, 4));
  int64_t terms[] = {4, 4, 5, 5, 6, 6, 6};
  for (int64_t index = 4; index <= 10; ++index) {
    events.push_back(append(20, 6, index, terms[index - 4], index));
  }
  events.push_back(append(30, 1, 11, 8, 11));
  events.push_back(append(30, 6, 11, 8, 11));
  REQUIRE(feed(checker, events) == events.size());
  REQUIRE_FALSE(checker.fired());
}

TEST_CASE("log matching fires on the same index and term over a different prefix", "[check]") {
  LogMatchingChecker checker;
  std::vector<TraceEvent> events;
  append_log(events, 100, 1, {{1, 11}, {2, 22}});
  append_log(events, 200, 2, {{2, 55}, {2, 22}});  // index 1 differs in term, index 2 matches
  REQUIRE(feed(checker, events) == events.size());
  REQUIRE(checker.fired());
  const Violation& violation = *checker.violation();
  CHECK(violation.check == "raft.log_matching");
  CHECK(violation.at == ms(200));
  CHECK(violation.node == NodeId::server(2));
  CHECK(violation.message ==
        "n1 and n2 both hold index=2 term=2 but their logs differ before it (n1 held it first, "
        "at 0.100000000s); first difference at index 1: n1 has term=1 digest=11, n2 has term=2 "
        "digest=55");
}

TEST_CASE("log matching fires on the same index and term with another digest", "[check]") {
  LogMatchingChecker checker;
  std::vector<TraceEvent> events = {append(100, 1, 1, 1, 11), append(150, 3, 1, 1, 11),
                                    append(160, 3, 2, 1, 12), append(170, 2, 1, 1, 11),
                                    append(180, 2, 2, 1, 99)};
  REQUIRE(feed(checker, events) == 5);
  const Violation& violation = *checker.violation();
  CHECK(violation.at == ms(180));
  CHECK(violation.node == NodeId::server(2));
  CHECK(violation.message ==
        "n3 and n2 both hold index=2 term=1 but their logs differ before it (n3 held it first, "
        "at 0.160000000s); first difference at index 2: n3 has term=1 digest=12, n2 has term=1 "
        "digest=99");
}

TEST_CASE("log matching remembers truncated entries", "[check]") {
  // n1 held (2, term 2) and then truncated its whole log; n2 later holds (2, term 2) on another
  // index 1. The property is about any two logs at any time, so this still fires.
  LogMatchingChecker checker;
  std::vector<TraceEvent> events = {append(100, 1, 1, 1, 11), append(110, 1, 2, 2, 22),
                                    truncate(120, 1, 1), append(200, 2, 1, 2, 55),
                                    append(210, 2, 2, 2, 22)};
  REQUIRE(feed(checker, events) == events.size());
  REQUIRE(checker.fired());
  CHECK(checker.violation()->at == ms(210));
  CHECK(checker.violation()->node == NodeId::server(2));
  CHECK(checker.violation()->message ==
        "n1 and n2 both hold index=2 term=2 but their logs differ before it (n1 held it first, "
        "at 0.110000000s)");
}

TEST_CASE("log matching fires on an append that skips or rewrites an index", "[check]") {
  LogMatchingChecker gap_checker;
  feed(gap_checker, {append(100, 1, 1, 1, 11), append(110, 1, 3, 1, 13)});
  REQUIRE(gap_checker.fired());
  CHECK(gap_checker.violation()->check == "raft.log_matching");
  CHECK(gap_checker.violation()->at == ms(110));
  CHECK(gap_checker.violation()->node == NodeId::server(1));
  CHECK(gap_checker.violation()->message ==
        "n1 appended index=3 term=1 but its log held 1 entries (the next append must be index 2; "
        "a rewrite needs a log_truncate first)");

  LogMatchingChecker rewrite_checker;
  feed(rewrite_checker,
       {append(100, 1, 1, 1, 11), append(110, 1, 2, 1, 12), append(120, 1, 2, 2, 22)});
  REQUIRE(rewrite_checker.fired());
  CHECK(rewrite_checker.violation()->at == ms(120));
}

TEST_CASE("log matching: recover resets the node's mirror", "[check]") {
  SECTION("re-announcing the recovered log is not a misplaced append") {
    LogMatchingChecker checker;
    std::vector<TraceEvent> events = {
        append(100, 1, 1, 1, 11), append(110, 1, 2, 1, 12), crash(200, 1),
        restart(300, 1),          recover(300, 1, 1, 1),    append(300, 1, 1, 1, 11),
        append(310, 1, 2, 2, 22), append(320, 2, 1, 1, 11), append(330, 2, 2, 2, 22)};
    REQUIRE(feed(checker, events) == events.size());
    REQUIRE_FALSE(checker.fired());
  }
  SECTION("recover alone (no crash event) clears the mirror too") {
    LogMatchingChecker checker;
    feed(checker, {append(100, 1, 1, 1, 11), append(110, 1, 2, 1, 12), recover(300, 1, 1, 2),
                   append(300, 1, 1, 1, 11), append(300, 1, 2, 1, 12)});
    REQUIRE_FALSE(checker.fired());
  }
  SECTION("the recovered entries are the ones compared afterwards") {
    LogMatchingChecker checker;
    std::vector<TraceEvent> events = {append(100, 1, 1, 1, 11), append(110, 2, 1, 1, 11),
                                      append(120, 2, 2, 1, 12), crash(200, 1),
                                      restart(300, 1),          recover(300, 1, 1, 1),
                                      append(300, 1, 1, 1, 11), append(400, 1, 2, 1, 66)};
    REQUIRE(feed(checker, events) == events.size());
    REQUIRE(checker.fired());
    CHECK(checker.violation()->at == ms(400));
    CHECK(checker.violation()->node == NodeId::server(1));
  }
}

}  // namespace
}  // namespace faultline
