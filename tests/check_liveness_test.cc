// File: check_liveness_test.cc
// liveness.leader and liveness.commits: deadlines met and missed, stale and crashed leaders,
// inclusive deadlines, the three ways a deadline is judged (later event, advance_to, finish).
// liveness.leader_changes: the per-phase bound on raft.become_leader events (case B11).
#include <catch2/catch.hpp>

#include "sim/check/liveness.h"
#include "tests/check_test_events.h"

namespace faultline {
namespace {

using namespace check_test;

constexpr Duration seconds_3 = Duration::seconds(3);

TEST_CASE("liveness.leader met by an election inside the window", "[check]") {
  LivenessChecker checker;
  feed(checker, {become_follower(100, 1, 1), become_follower(100, 2, 1), crash(500, 3)});
  checker.arm(ms(1000), seconds_3, std::nullopt);
  REQUIRE(checker.next_deadline() == ms(4000));
  feed(checker, {become_candidate(1500, 1, 2), become_follower(1600, 2, 2),
                 become_leader(2000, 1, 2), noise(4500, 2)});
  REQUIRE(checker.leader_met_at() == ms(2000));
  REQUIRE(checker.next_deadline() == std::nullopt);
  checker.advance_to(ms(5000));
  checker.finish_phase(ms(6000));
  REQUIRE_FALSE(checker.fired());
  REQUIRE_FALSE(checker.armed());
}

TEST_CASE("liveness.leader met at arming by a leader already in place", "[check]") {
  LivenessChecker checker;
  feed(checker, {become_leader(100, 2, 4), become_follower(100, 1, 4)});
  checker.arm(ms(1000), seconds_3, std::nullopt);
  REQUIRE(checker.leader_met_at() == ms(1000));
  checker.finish_phase(ms(9000));
  REQUIRE_FALSE(checker.fired());
}

TEST_CASE("liveness.leader: the deadline instant itself counts", "[check]") {
  LivenessChecker checker;
  checker.arm(ms(1000), seconds_3, std::nullopt);
  feed(checker, {become_candidate(3000, 1, 1), become_leader(4000, 1, 1)});
  checker.advance_to(ms(4000) + Duration::nanoseconds(1));
  REQUIRE_FALSE(checker.fired());
  REQUIRE(checker.leader_met_at() == ms(4000));
}

TEST_CASE("liveness.leader missed: judged by advance_to just past the deadline", "[check]") {
  LivenessChecker checker;
  feed(checker, {become_follower(100, 1, 3), become_candidate(200, 2, 4), crash(300, 3)});
  checker.arm(ms(1000), seconds_3, std::nullopt);
  checker.advance_to(ms(4000));  // events before 4s seen: the instant 4s may still bring a leader
  REQUIRE_FALSE(checker.fired());
  checker.advance_to(ms(4000) + Duration::nanoseconds(1));
  REQUIRE(checker.fired());
  const Violation& violation = *checker.violation();
  CHECK(violation.check == "liveness.leader");
  CHECK(violation.at == ms(4000));
  CHECK(violation.node == NodeId::none());
  CHECK(violation.message ==
        "no leader within 3s of the phase start at 1.000000000s (deadline 4.000000000s); "
        "cluster at 4.000000000s: n1 follower term 3, n2 candidate term 4, n3 crashed");
}

TEST_CASE("liveness.leader missed: judged by the first event after the deadline", "[check]") {
  LivenessChecker checker;
  checker.arm(ms(1000), seconds_3, std::nullopt);
  feed(checker, {become_candidate(2000, 1, 2), become_leader(4500, 1, 2)});
  REQUIRE(checker.fired());
  CHECK(checker.violation()->at == ms(4000));
  CHECK_FALSE(checker.leader_met_at().has_value());
}

TEST_CASE("liveness.leader: a stale or crashed leader does not count", "[check]") {
  SECTION("a live node has moved to a higher term") {
    LivenessChecker checker;
    feed(checker, {become_leader(100, 1, 2), become_candidate(500, 2, 3)});
    checker.arm(ms(1000), seconds_3, std::nullopt);
    REQUIRE_FALSE(checker.leader_met_at());
    SECTION("until that node crashes") {
      checker.observe(crash(1500, 2));
      CHECK(checker.leader_met_at() == ms(1500));
    }
    SECTION("otherwise the deadline is missed") {
      checker.finish_phase(ms(5000));
      REQUIRE(checker.fired());
      CHECK(checker.violation()->at == ms(4000));
      CHECK(checker.violation()->message ==
            "no leader within 3s of the phase start at 1.000000000s (deadline 4.000000000s); "
            "cluster at 4.000000000s: n1 leader term 2, n2 candidate term 3");
    }
  }
  SECTION("the leader is crashed, and after restart it is a follower") {
    LivenessChecker checker;
    feed(checker, {become_leader(100, 1, 2), become_follower(100, 2, 2), crash(500, 1)});
    checker.arm(ms(1000), seconds_3, std::nullopt);
    checker.observe(restart(1500, 1));
    checker.observe(recover(1500, 1, 2, 0));
    checker.advance_to(ms(4001));
    REQUIRE(checker.fired());
    CHECK(checker.violation()->check == "liveness.leader");
  }
}

TEST_CASE("liveness: a phase that ends before its deadline fails at its end", "[check]") {
  LivenessChecker checker;
  checker.arm(ms(1000), seconds_3, Duration::seconds(5));
  checker.finish_phase(ms(2000));
  REQUIRE(checker.fired());
  CHECK(checker.violation()->check == "liveness.leader");
  CHECK(checker.violation()->at == ms(2000));
  CHECK(checker.violation()->message ==
        "no leader within 3s of the phase start at 1.000000000s (deadline 4.000000000s, but the "
        "phase ended first); cluster at 2.000000000s: no node has reported a role");
  REQUIRE_FALSE(checker.armed());
}

TEST_CASE("liveness.commits met by a commit above the pre-phase maximum", "[check]") {
  LivenessChecker checker;
  feed(checker, {commit(100, 1, 5, 1), commit(200, 2, 3, 1)});
  checker.arm(ms(1000), std::nullopt, Duration::seconds(5));
  feed(checker, {commit(1500, 3, 5, 1)});  // a lagging node catching up is not progress
  REQUIRE_FALSE(checker.commits_met_at());
  feed(checker, {commit(2500, 2, 6, 2)});
  REQUIRE(checker.commits_met_at() == ms(2500));
  checker.finish_phase(ms(10000));
  REQUIRE_FALSE(checker.fired());
}

TEST_CASE("liveness.commits missed", "[check]") {
  LivenessChecker checker;
  feed(checker, {commit(100, 1, 5, 1)});
  checker.arm(ms(1000), std::nullopt, Duration::seconds(5));
  feed(checker, {commit(1500, 2, 4, 1), commit(1600, 2, 5, 1), commit(6500, 1, 6, 2)});
  REQUIRE(checker.fired());
  const Violation& violation = *checker.violation();
  CHECK(violation.check == "liveness.commits");
  CHECK(violation.at == ms(6000));
  CHECK(violation.node == NodeId::none());
  CHECK(violation.message ==
        "no commit above index 5 within 5s of the phase start at 1.000000000s (deadline "
        "6.000000000s); highest commit index seen: 5");
}

TEST_CASE("liveness: both deadlines, the earlier one fires first", "[check]") {
  LivenessChecker checker;
  checker.arm(ms(1000), seconds_3, Duration::seconds(2));
  REQUIRE(checker.next_deadline() == ms(3000));
  feed(checker, {become_leader(1200, 1, 1)});
  REQUIRE(checker.next_deadline() == ms(3000));
  checker.advance_to(ms(3500));
  REQUIRE(checker.fired());
  CHECK(checker.violation()->check == "liveness.commits");
  CHECK(checker.violation()->at == ms(3000));
}

TEST_CASE("liveness: arming again needs the previous phase finished; re-arm resets", "[check]") {
  LivenessChecker checker;
  checker.arm(ms(1000), seconds_3, std::nullopt);
  feed(checker, {become_leader(1200, 1, 1), commit(1300, 1, 1, 1)});
  checker.finish_phase(ms(2000));
  checker.arm(ms(2000), seconds_3, Duration::seconds(1));
  REQUIRE(checker.leader_met_at() == ms(2000));  // n1 still leads term 1
  REQUIRE_FALSE(checker.commits_met_at());
  checker.observe(commit(2500, 1, 2, 1));
  REQUIRE(checker.commits_met_at() == ms(2500));
  checker.finish_phase(ms(6000));
  REQUIRE_FALSE(checker.fired());
}

TEST_CASE("liveness.leader_changes counts only elections at or after the phase start", "[check]") {
  LivenessChecker checker;
  feed(checker, {become_leader(100, 1, 1)});
  checker.arm(ms(1000), std::nullopt, std::nullopt, 1);
  REQUIRE(checker.armed());
  REQUIRE(checker.next_deadline() == std::nullopt);  // a bound, not a deadline
  feed(checker, {become_leader(1000, 2, 2), become_follower(1000, 1, 2), noise(5000, 1)});
  CHECK(checker.leader_changes() == 1);
  checker.finish_phase(ms(6000));
  REQUIRE_FALSE(checker.fired());
  REQUIRE_FALSE(checker.armed());
  // Disarmed: later elections do not count any more.
  feed(checker, {become_leader(7000, 3, 3), become_leader(8000, 1, 4)});
  CHECK(checker.leader_changes() == 1);
  REQUIRE_FALSE(checker.fired());
}

TEST_CASE("liveness.leader_changes fires at the election past the bound", "[check]") {
  LivenessChecker checker;
  feed(checker, {become_leader(100, 1, 1)});
  checker.arm(ms(1000), Duration::seconds(3), std::nullopt, 1);
  REQUIRE(checker.leader_met_at() == ms(1000));
  feed(checker, {become_candidate(1200, 3, 2), become_leader(1300, 3, 2),
                 become_candidate(1500, 1, 3), become_leader(1600, 1, 3), noise(1700, 2)});
  REQUIRE(checker.fired());
  const Violation& violation = *checker.violation();
  CHECK(violation.check == "liveness.leader_changes");
  CHECK(violation.at == ms(1600));
  CHECK(violation.node == NodeId::server(1));
  CHECK(violation.message ==
        "n1 became leader of term 3: leader change 2 since the phase start at 1.000000000s, "
        "more than the 1 allowed");
}

TEST_CASE("liveness.leader_changes with a bound of 0: any election in the phase fires", "[check]") {
  LivenessChecker checker;
  feed(checker, {become_leader(100, 2, 7)});
  checker.arm(ms(1000), std::nullopt, std::nullopt, 0);
  feed(checker, {become_leader(999, 2, 7)});  // before the start: ignored
  REQUIRE_FALSE(checker.fired());
  feed(checker, {become_leader(2500, 3, 8)});
  REQUIRE(checker.fired());
  CHECK(checker.violation()->check == "liveness.leader_changes");
  CHECK(checker.violation()->at == ms(2500));
}

}  // namespace
}  // namespace faultline
