// File: check_commit_quorum_test.cc
// raft.commit_quorum (case B08, shared/cases/protocol-bugs.md; Ongaro & Ousterhout 2014, section
// 5.3): a leader's commit needs floor(N/2)+1 distinct servers holding (index, term); duplicated
// acks, wrong terms, truncations, crashes (the mirror survives) and recoveries (it is rebuilt).
#include <catch2/catch.hpp>

#include "sim/check/commit_quorum.h"
#include "tests/check_test_events.h"

namespace faultline {
namespace {

using namespace check_test;

TEST_CASE("commit_quorum passes a commit held by a majority", "[check]") {
  CommitQuorumChecker checker(5);
  std::vector<TraceEvent> events;
  events.push_back(become_leader(10, 1, 1));
  for (uint32_t node : {1u, 2u, 3u}) {
    append_log(events, 20, node, {{1, 11}, {1, 12}});
  }
  events.push_back(commit(30, 1, 2, 1));
  events.push_back(commit(30, 2, 2, 1));
  REQUIRE(feed(checker, events) == events.size());
  REQUIRE_FALSE(checker.fired());
  CHECK(checker.name() == "raft.commit_quorum");
}

TEST_CASE("commit_quorum catches a commit on two of five servers (B08)", "[check]") {
  // Case B08's visible variant: n1 leads on the minority side {n1, n2}; its buggy count of n2's
  // repeated ack commits index 2 held by two servers only.
  CommitQuorumChecker checker(5);
  std::vector<TraceEvent> events;
  events.push_back(become_leader(10, 1, 1));
  for (uint32_t node = 1; node <= 5; ++node) {
    append_log(events, 20, node, {{1, 11}});
  }
  events.push_back(append(40, 1, 2, 1, 12));
  events.push_back(append(45, 2, 2, 1, 12));
  events.push_back(commit(50, 1, 2, 1));
  REQUIRE(feed(checker, events) == events.size());
  REQUIRE(checker.fired());
  const Violation& violation = *checker.violation();
  CHECK(violation.check == "raft.commit_quorum");
  CHECK(violation.at == ms(50));
  CHECK(violation.node == NodeId::server(1));
  CHECK(violation.message ==
        "leader n1 committed index=2 term=1 but only 2 of 5 servers hold it (n1, n2); a "
        "majority is 3");
}

TEST_CASE("commit_quorum counts only entries of the committed term", "[check]") {
  CommitQuorumChecker checker(3);
  std::vector<TraceEvent> events;
  events.push_back(become_leader(10, 1, 2));
  append_log(events, 20, 1, {{1, 11}, {2, 22}});
  append_log(events, 20, 2, {{1, 11}, {1, 12}});  // index 2 of another term
  events.push_back(commit(30, 1, 2, 2));
  feed(checker, events);
  REQUIRE(checker.fired());
  CHECK(checker.violation()->message ==
        "leader n1 committed index=2 term=2 but only 1 of 3 servers hold it (n1); a majority is 2");
}

TEST_CASE("commit_quorum audits leaders only, and sees truncations", "[check]") {
  CommitQuorumChecker checker(3);
  std::vector<TraceEvent> events;
  append_log(events, 20, 1, {{1, 11}, {1, 12}});
  append_log(events, 20, 2, {{1, 11}, {1, 12}});
  events.push_back(commit(30, 3, 2, 1));  // n3 is no leader: not audited
  events.push_back(become_leader(40, 1, 1));
  events.push_back(truncate(50, 2, 2));
  events.push_back(commit(60, 1, 2, 1));  // n2 no longer holds index 2
  REQUIRE(feed(checker, events) == events.size());
  REQUIRE(checker.fired());
  CHECK(checker.violation()->at == ms(60));
  CHECK(checker.violation()->message ==
        "leader n1 committed index=2 term=1 but only 1 of 3 servers hold it (n1); a majority is 2");
}

TEST_CASE("commit_quorum: a stepped-down leader is not audited", "[check]") {
  CommitQuorumChecker checker(3);
  std::vector<TraceEvent> events;
  events.push_back(become_leader(10, 1, 1));
  append_log(events, 20, 1, {{1, 11}});
  events.push_back(become_follower(30, 1, 2));
  events.push_back(commit(40, 1, 1, 1));  // as a follower, learning leaderCommit
  REQUIRE(feed(checker, events) == events.size());
  REQUIRE_FALSE(checker.fired());
}

TEST_CASE("commit_quorum keeps a crashed follower's log until it recovers", "[check]") {
  // n2 acked index 2 (durable) and crashed before the ack arrived: the commit is legitimate.
  CommitQuorumChecker checker(3);
  std::vector<TraceEvent> events;
  events.push_back(become_leader(10, 1, 1));
  append_log(events, 20, 1, {{1, 11}, {1, 12}});
  append_log(events, 20, 2, {{1, 11}, {1, 12}});
  events.push_back(crash(25, 2));
  events.push_back(commit(30, 1, 2, 1));
  REQUIRE(feed(checker, events) == events.size());
  REQUIRE_FALSE(checker.fired());
  // n2 recovers only index 1 (index 2 was never synced): the mirror is rebuilt from recover.
  events.clear();
  events.push_back(restart(40, 2));
  events.push_back(recover(40, 2, 1, 1));
  events.push_back(append(40, 2, 1, 1, 11));
  events.push_back(append(50, 1, 3, 1, 13));
  events.push_back(commit(60, 1, 2, 1));  // index 2 again: n1 alone holds it now
  feed(checker, events);
  REQUIRE(checker.fired());
  CHECK(checker.violation()->message ==
        "leader n1 committed index=2 term=1 but only 1 of 3 servers hold it (n1); a majority is 2");
}

TEST_CASE("commit_quorum: a leader that crashed is no longer a leader", "[check]") {
  CommitQuorumChecker checker(3);
  std::vector<TraceEvent> events;
  events.push_back(become_leader(10, 1, 1));
  append_log(events, 20, 1, {{1, 11}});
  events.push_back(crash(30, 1));
  events.push_back(restart(40, 1));
  events.push_back(recover(40, 1, 1, 1));
  events.push_back(append(40, 1, 1, 1, 11));
  events.push_back(commit(50, 1, 1, 1));  // a follower again
  REQUIRE(feed(checker, events) == events.size());
  REQUIRE_FALSE(checker.fired());
}

TEST_CASE("commit_quorum passes Figure 8 with and without the old-term commit", "[check]") {
  // The Figure 8 bug commits an entry that IS on a majority (n1, n2, n3): a matter for leader
  // completeness, not for this audit.
  for (bool commit_by_counting : {false, true}) {
    CommitQuorumChecker checker(5);
    std::vector<TraceEvent> events = figure8(commit_by_counting);
    REQUIRE(feed(checker, events) == events.size());
    CHECK_FALSE(checker.fired());
  }
}

}  // namespace
}  // namespace faultline
