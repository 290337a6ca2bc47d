// File: check_checker_set_test.cc
// CheckerSet: construction from check ids, fan-out from a TraceSink, first violation only, the
// stop callback, liveness deadlines through the set.
#include <catch2/catch.hpp>

#include "sim/check/checker_set.h"
#include "tests/check_test_events.h"

namespace faultline {
namespace {

using namespace check_test;

TEST_CASE("known_safety_checks lists the four Raft invariants and the commit audit", "[check]") {
  CHECK(known_safety_checks() ==
        std::vector<std::string>{"raft.election_safety", "raft.log_matching",
                                 "raft.leader_completeness", "raft.state_machine_safety",
                                 "raft.commit_quorum"});
}

TEST_CASE("CheckerSet::make rejects unknown and repeated ids", "[check]") {
  auto unknown = CheckerSet::make({"raft.election_safety", "serializable"}, 5);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message ==
        "unknown check 'serializable' (known checks: raft.election_safety, raft.log_matching, "
        "raft.leader_completeness, raft.state_machine_safety, raft.commit_quorum, "
        "replication.no_lost_write, linearizable, paxos.agreement, paxos.validity, "
        "paxos.state_machine_safety, fd.qos, replication.one_primary_per_epoch, "
        "replication.state_agreement, replication.convergence)");
  auto repeated = CheckerSet::make({"raft.log_matching", "raft.log_matching"}, 5);
  REQUIRE_FALSE(repeated.ok());
  CHECK(repeated.error().message == "check 'raft.log_matching' is listed twice");
  auto empty_cluster = CheckerSet::make({}, 0);
  REQUIRE_FALSE(empty_cluster.ok());
  CHECK(empty_cluster.error().message == "a cluster of 0 servers cannot be checked");
  auto all = CheckerSet::make(known_safety_checks(), 5);
  REQUIRE(all.ok());
  CHECK((*all)->safety_check_names() == known_safety_checks());
}

TEST_CASE("CheckerSet through a TraceSink: Figure 8 (d) passes with every check", "[check]") {
  auto set = CheckerSet::make(known_safety_checks(), 5);
  REQUIRE(set.ok());
  TraceSink sink;
  sink.add_observer(set->get());
  for (const TraceEvent& event : figure8(/*commit_by_counting=*/false)) {
    sink.record(event);
  }
  CHECK_FALSE((*set)->violation().has_value());
}

TEST_CASE("CheckerSet records the first violation only and calls back once", "[check]") {
  auto set = CheckerSet::make(known_safety_checks(), 5);
  REQUIRE(set.ok());
  int callbacks = 0;
  (*set)->set_on_violation([&callbacks] { ++callbacks; });
  std::vector<TraceEvent> events = figure8(/*commit_by_counting=*/true);
  events.push_back(become_leader(800, 2, 5));  // would be an election safety violation too
  for (const TraceEvent& event : events) {
    (*set)->on_trace(event);
  }
  REQUIRE((*set)->violation().has_value());
  CHECK(callbacks == 1);
  CHECK((*set)->violation()->check == "raft.leader_completeness");
  CHECK((*set)->violation()->at == ms(700));
  CHECK((*set)->violation()->node == NodeId::server(5));
}

TEST_CASE("CheckerSet runs only the listed checks", "[check]") {
  auto set = CheckerSet::make({"raft.state_machine_safety"}, 5);
  REQUIRE(set.ok());
  for (const TraceEvent& event : figure8(/*commit_by_counting=*/true)) {
    (*set)->on_trace(event);
  }
  REQUIRE((*set)->violation().has_value());
  CHECK((*set)->violation()->check == "raft.state_machine_safety");
  CHECK((*set)->violation()->at == ms(760));
}

TEST_CASE("CheckerSet reports liveness deadlines through advance_to and finish_phase", "[check]") {
  auto set = CheckerSet::make({}, 5);
  REQUIRE(set.ok());
  int callbacks = 0;
  (*set)->set_on_violation([&callbacks] { ++callbacks; });
  (*set)->liveness().arm(ms(1000), Duration::seconds(1), std::nullopt);
  (*set)->advance_to(ms(1500));
  REQUIRE_FALSE((*set)->violation().has_value());
  (*set)->advance_to(ms(2001));
  REQUIRE((*set)->violation().has_value());
  CHECK((*set)->violation()->check == "liveness.leader");
  CHECK((*set)->violation()->at == ms(2000));
  (*set)->finish_phase(ms(3000));
  CHECK(callbacks == 1);

  auto finished = CheckerSet::make({}, 5);
  REQUIRE(finished.ok());
  (*finished)->liveness().arm(ms(0), std::nullopt, Duration::seconds(1));
  (*finished)->finish_phase(ms(1000));
  REQUIRE((*finished)->violation().has_value());
  CHECK((*finished)->violation()->check == "liveness.commits");
  CHECK((*finished)->violation()->at == ms(1000));
}

}  // namespace
}  // namespace faultline
