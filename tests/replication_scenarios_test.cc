// File: replication_scenarios_test.cc
// Whole runs of the replication scenarios: each fast one passes on seeds 1..20 (the nemesis one on
// 1..50) with every replication check, its heal phases regaining a primary and committing client
// operations; the B22 bug is caught by replication.no_lost_write on ten seeds and the correct
// protocol passes the same timeline.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/runner/runner.h"
#include "sim/scenario/scenario_parser.h"

using namespace faultline;

namespace {

const std::string source_dir = FAULTLINE_SOURCE_DIR;

Scenario load(const std::string& relative_path) {
  Result<Scenario> scenario = load_scenario(source_dir + "/" + relative_path);
  INFO(relative_path << ": " << (scenario.ok() ? "" : scenario.error().to_string()));
  REQUIRE(scenario.ok());
  return scenario.value();
}

// Every seed passes, and every liveness phase commits client operations again.
void sweep(const std::string& path, uint64_t seeds) {
  Scenario scenario = load(path);
  for (uint64_t seed = 1; seed <= seeds; ++seed) {
    RunReport report = run_scenario(scenario, seed);
    INFO(path << " seed " << seed << ": " << report.verdict.check << " " << report.verdict.message);
    REQUIRE(report.verdict.passed());
    REQUIRE(report.phases.size() == scenario.phases.size());
    for (size_t index = 0; index < report.phases.size(); ++index) {
      if (scenario.phases[index].is_liveness_phase()) {
        REQUIRE(report.phases[index].commits > 0);
        REQUIRE(report.phases[index].operations_ok > 0);
      }
    }
  }
}

}  // namespace

TEST_CASE("the replication failover scenarios pass on seeds 1..FAULTLINE_PROTOCOL_SEEDS (20)",
          "[replication][runner]") {
  for (const char* path : {"scenarios/fast/replication-passive-failover.yaml",
                           "scenarios/fast/replication-semi-active-failover.yaml",
                           "scenarios/fast/replication-active-raft.yaml",
                           "scenarios/fast/replication-active-multipaxos.yaml",
                           "scenarios/fast/replication-b22-epochs.yaml"}) {
    SECTION(path) {
      sweep(path, FAULTLINE_PROTOCOL_SEEDS);
    }
  }
}

TEST_CASE("replication-nemesis passes on seeds 1..FAULTLINE_PROTOCOL_NEMESIS_SEEDS (50)",
          "[replication][runner][nemesis]") {
  sweep("scenarios/fast/replication-nemesis.yaml", FAULTLINE_PROTOCOL_NEMESIS_SEEDS);
}

TEST_CASE("B22 without epochs loses an acknowledged write; with epochs it does not",
          "[replication][runner][negative]") {
  Scenario scenario = load("scenarios/negative/replication-b22-no-epochs-bug.yaml");
  REQUIRE(scenario.expect_violation == "replication.no_lost_write");
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    RunReport report = run_scenario(scenario, seed);
    INFO("seed " << seed << ": " << report.verdict.check << " " << report.verdict.message);
    CHECK(report.verdict.check == "replication.no_lost_write");
    CHECK(report.passed());
  }
  scenario.cluster.replication.bug.clear();
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    RunReport correct = run_scenario(scenario, seed);
    INFO("correct protocol, seed " << seed << ": " << correct.verdict.check << " "
                                   << correct.verdict.message);
    CHECK(correct.verdict.passed());
  }
}

TEST_CASE("semi-active followers choosing their own versions diverge",
          "[replication][runner][negative]") {
  Scenario scenario = load("scenarios/fast/replication-semi-active-failover.yaml");
  scenario.cluster.replication.bug = "followers_choose";
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    RunReport report = run_scenario(scenario, seed);
    INFO("seed " << seed << ": " << report.verdict.check << " " << report.verdict.message);
    CHECK(report.verdict.check == "replication.state_agreement");
  }
}

TEST_CASE("replication runs are deterministic: same seed, same trace", "[replication][runner]") {
  for (const char* path : {"scenarios/fast/replication-passive-failover.yaml",
                           "scenarios/fast/replication-nemesis.yaml"}) {
    Scenario scenario = load(path);
    RunReport first = run_scenario(scenario, 7);
    RunReport again = run_scenario(scenario, 7);
    RunReport other = run_scenario(scenario, 8);
    INFO(path);
    CHECK(first.trace_hash == again.trace_hash);
    CHECK(first.trace_hash != other.trace_hash);
  }
}
