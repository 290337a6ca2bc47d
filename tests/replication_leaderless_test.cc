// File: replication_leaderless_test.cc
// Whole runs of the leaderless store's scenarios (scenarios/*/replication-leaderless-*.yaml):
// the quorum store under the nemesis keeps every acknowledged write and converges after each heal
// on seeds 1..FAULTLINE_PROTOCOL_NEMESIS_SEEDS; the K-01 / K-02 timelines pass their checks; each
// negative is caught on ten seeds and passes once its cause is removed (anti-entropy on,
// quorum-read timestamps, quorum levels).
#include <catch2/catch.hpp>

#include <string>

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

std::string figure(const RunReport& report, const std::string& name) {
  for (const auto& [key, value] : report.figures) {
    if (key == name) {
      return value;
    }
  }
  return "";
}

// Every seed passes; every heal phase completes client operations and converges.
void sweep(const std::string& path, uint64_t seeds) {
  Scenario scenario = load(path);
  for (uint64_t seed = 1; seed <= seeds; ++seed) {
    RunReport report = run_scenario(scenario, seed);
    INFO(path << " seed " << seed << ": " << report.verdict.check << " " << report.verdict.message);
    REQUIRE(report.verdict.passed());
    REQUIRE(report.phases.size() == scenario.phases.size());
    for (size_t index = 0; index < report.phases.size(); ++index) {
      if (scenario.phases[index].is_liveness_phase()) {
        REQUIRE(report.phases[index].operations_ok > 0);
      }
    }
    REQUIRE(figure(report, "convergence.after_heal") != "never");
  }
}

// `scenario` fails its expect_violation on seeds 1..10; `fixed` (the same timeline without the
// cause) passes on them.
void caught_and_fixed(const Scenario& scenario, const Scenario& fixed) {
  REQUIRE_FALSE(scenario.expect_violation.empty());
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    RunReport report = run_scenario(scenario, seed);
    INFO(scenario.name << " seed " << seed << ": " << report.verdict.check << " "
                       << report.verdict.message);
    CHECK(report.verdict.check == scenario.expect_violation);
    CHECK(report.passed());
    RunReport correct = run_scenario(fixed, seed);
    INFO("fixed: " << correct.verdict.check << " " << correct.verdict.message);
    CHECK(correct.verdict.passed());
  }
}

}  // namespace

TEST_CASE("leaderless quorum store under the nemesis: no lost write, convergence after heal",
          "[replication][leaderless][runner][nemesis]") {
  sweep("scenarios/fast/replication-leaderless-quorum.yaml", FAULTLINE_PROTOCOL_NEMESIS_SEEDS);
}

TEST_CASE(
    "leaderless K-02 (sync read repair, quorum-read timestamps) keeps its checks, linearizable "
    "included",
    "[replication][leaderless][runner]") {
  for (const char* path : {"scenarios/fast/replication-leaderless-k02-sync-repair.yaml"}) {
    SECTION(path) {
      sweep(path, FAULTLINE_PROTOCOL_SEEDS);
    }
  }
}

TEST_CASE("leaderless without anti-entropy or read repair does not converge; with it, it does",
          "[replication][leaderless][runner][negative]") {
  Scenario scenario = load("scenarios/negative/replication-leaderless-no-anti-entropy.yaml");
  Scenario fixed = scenario;
  fixed.expect_violation.clear();
  fixed.cluster.replication.leaderless.anti_entropy_interval = Duration::milliseconds(100);
  caught_and_fixed(scenario, fixed);
}

TEST_CASE("leaderless LWW by coordinator clock loses a write under skew; quorum_read does not",
          "[replication][leaderless][runner][negative]") {
  Scenario scenario = load("scenarios/negative/replication-leaderless-clock-skew-lww.yaml");
  Scenario fixed = scenario;
  fixed.expect_violation.clear();
  fixed.cluster.replication.leaderless.timestamps = "quorum_read";
  caught_and_fixed(scenario, fixed);
}

TEST_CASE("leaderless K-01 at level one reads stale values; at quorum it loses nothing",
          "[replication][leaderless][runner][negative]") {
  Scenario scenario = load("scenarios/negative/replication-leaderless-k01-one-stale-read.yaml");
  Scenario fixed = scenario;
  fixed.expect_violation.clear();
  fixed.cluster.replication.leaderless.write_consistency = "quorum";
  fixed.cluster.replication.leaderless.read_consistency = "quorum";
  fixed.checks = {"replication.no_lost_write"};  // quorums lose nothing, but see K-01 below
  caught_and_fixed(scenario, fixed);
  // The same stale reads seen by the incremental check of acknowledged writes.
  Scenario incremental = scenario;
  incremental.checks = {"replication.no_lost_write"};
  incremental.expect_violation = "replication.no_lost_write";
  CHECK(run_scenario(incremental, 1).verdict.check == "replication.no_lost_write");
}

TEST_CASE(
    "leaderless K-01 at quorum with async read repair: R + W > N still reads stale (not "
    "linearizable); sync read repair with quorum-read timestamps is linearizable",
    "[replication][leaderless][runner][negative]") {
  Scenario scenario =
      load("scenarios/negative/replication-leaderless-k01-quorum-async-repair.yaml");
  REQUIRE(scenario.expect_violation == "linearizable");
  RunReport caught = run_scenario(scenario, scenario.seed);
  INFO(caught.verdict.check << " " << caught.verdict.message);
  CHECK(caught.passed());
  CHECK(caught.verdict.message.find("these 4 operations cannot be linearized") !=
        std::string::npos);
  // Not a one-seed accident: over seeds 1..40 the stale read shows on several, and never does
  // an acknowledged write go missing or a replica fail to converge first.
  uint64_t stale = 0;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    RunReport report = run_scenario(scenario, seed);
    INFO("seed " << seed << ": " << report.verdict.check << " " << report.verdict.message);
    CHECK((report.verdict.passed() || report.verdict.check == "linearizable"));
    stale += report.passed() ? 1 : 0;
  }
  CHECK(stale >= 5);
  // K-02: the same network and workload with sync read repair and quorum-read timestamps.
  Scenario fixed = scenario;
  fixed.expect_violation.clear();
  fixed.cluster.replication.leaderless.read_repair = "sync";
  fixed.cluster.replication.leaderless.timestamps = "quorum_read";
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    RunReport report = run_scenario(fixed, seed);
    INFO("fixed, seed " << seed << ": " << report.verdict.check << " " << report.verdict.message);
    CHECK(report.verdict.passed());
  }
}

TEST_CASE("leaderless runs are deterministic: same seed, same trace",
          "[replication][leaderless][runner]") {
  Scenario scenario = load("scenarios/fast/replication-leaderless-quorum.yaml");
  RunReport first = run_scenario(scenario, 7);
  RunReport again = run_scenario(scenario, 7);
  RunReport other = run_scenario(scenario, 8);
  CHECK(first.trace_hash == again.trace_hash);
  CHECK(first.trace_hash != other.trace_hash);
}
