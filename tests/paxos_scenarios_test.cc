// File: paxos_scenarios_test.cc
// Whole runs of the single-decree Paxos scenarios (scenarios/{fast,negative}/paxos-*.yaml) on
// seeds 1..20 with their exact verdicts, the negative timelines again with the correct acceptor,
// and the `cluster.params` parser of `protocol: paxos` (errors name file:line:key).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/runner/runner.h"
#include "sim/scenario/scenario_parser.h"

using namespace faultline;

namespace {

const std::string source_dir = FAULTLINE_SOURCE_DIR;
constexpr uint64_t seeds = 20;

Scenario load(const std::string& relative_path) {
  Result<Scenario> scenario = load_scenario(source_dir + "/" + relative_path);
  INFO(relative_path << ": " << (scenario.ok() ? "" : scenario.error().to_string()));
  REQUIRE(scenario.ok());
  return scenario.value();
}

std::string params_error(const std::string& params, uint32_t nodes = 3) {
  std::string text = "name: p\ncluster:\n  nodes: " + std::to_string(nodes) +
                     "\n  protocol: paxos\n  params:\n" + params +
                     "phases:\n  - { name: a, duration: 1s }\n";
  Result<Scenario> scenario = parse_scenario(text, "inline.yaml");
  return scenario.ok() ? "ok" : scenario.error().to_string();
}

}  // namespace

TEST_CASE("every fast paxos scenario passes and learns slot 1 on seeds 1..20",
          "[paxos][scenario]") {
  for (const std::string path :
       {"scenarios/fast/paxos-basic.yaml", "scenarios/fast/paxos-p01-one-crashed.yaml",
        "scenarios/fast/paxos-dueling-backoff.yaml",
        "scenarios/fast/paxos-b19-correct-acceptor.yaml",
        "scenarios/fast/paxos-b21-correct-acceptor.yaml",
        "scenarios/fast/paxos-p01-promise-survives-restart.yaml"}) {
    Scenario scenario = load(path);
    for (uint64_t seed = 1; seed <= seeds; ++seed) {
      RunReport report = run_scenario(scenario, seed);
      INFO(path << " seed " << seed << ": " << report.verdict.check << " "
                << report.verdict.message);
      REQUIRE(report.verdict.passed());
      // paxos.learn slot=1 is the progress event: the highest learned slot grew to 1.
      CHECK(report.phases.back().commits == 1);
    }
  }
}

TEST_CASE("B19, B21, P-01 stable storage: the buggy acceptors choose two values on every seed",
          "[paxos][scenario][negative]") {
  struct Case {
    std::string path;
    Time at;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"scenarios/negative/paxos-b19-accept-without-promise.yaml", Time{15'000'000},
       "slot 1: two values chosen: v-n2 by a majority at ballot r1.n2 (at 0.007500000s) and v-n1 "
       "by "
       "a majority at ballot r2.n1"},
      {"scenarios/negative/paxos-b21-no-promise-on-accept.yaml", Time{36'000'000},
       "slot 1: two values chosen: v-n2 by a majority at ballot r1.n2 (at 0.011000000s) and v-n1 "
       "by "
       "a majority at ballot r1.n3"},
      {"scenarios/negative/paxos-p01-forget-promise.yaml", Time{16'500'000},
       "slot 1: two values chosen: v-n1 by a majority at ballot r1.n1 (at 0.012500000s) and v-n2 "
       "by "
       "a majority at ballot r1.n2"},
  };
  for (const Case& expected : cases) {
    Scenario scenario = load(expected.path);
    REQUIRE(scenario.expect_violation == "paxos.agreement");
    for (uint64_t seed = 1; seed <= seeds; ++seed) {
      RunReport report = run_scenario(scenario, seed);
      INFO(expected.path << " seed " << seed << ": " << report.verdict.message);
      CHECK(report.verdict.kind == Verdict::Kind::safety_violation);
      CHECK(report.verdict.check == "paxos.agreement");
      CHECK(report.verdict.at == expected.at);
      CHECK(report.verdict.message == expected.message);
      CHECK(report.passed());
    }
    // The same timeline with the correct acceptor: one value, learned.
    scenario.cluster.paxos.bug.clear();
    scenario.expect_violation.clear();
    RunReport correct = run_scenario(scenario, scenario.seed);
    INFO(expected.path << " with the correct acceptor: " << correct.verdict.message);
    CHECK(correct.verdict.passed());
    CHECK(correct.phases.back().commits == 1);
  }
}

TEST_CASE("dueling proposers without backoff never choose a value (P-01, section 2.4)",
          "[paxos][scenario][negative]") {
  Scenario scenario = load("scenarios/negative/paxos-dueling-no-backoff.yaml");
  for (uint64_t seed = 1; seed <= seeds; ++seed) {
    RunReport report = run_scenario(scenario, seed);
    INFO("seed " << seed << ": " << report.verdict.message);
    CHECK(report.verdict.kind == Verdict::Kind::liveness_violation);
    CHECK(report.verdict.check == "liveness.commits");
    CHECK(report.verdict.at == Time{1'000'000'000});
    CHECK(report.phases.back().commits == 0);
    CHECK(report.passed());
  }
  // The only difference to scenarios/fast/paxos-dueling-backoff.yaml is the backoff.
  Scenario backoff = load("scenarios/fast/paxos-dueling-backoff.yaml");
  scenario.cluster.paxos.backoff_random = true;
  scenario.expect_violation.clear();
  scenario.name = backoff.name;
  CHECK(run_scenario(scenario, 1).trace_hash == run_scenario(backoff, 1).trace_hash);
}

TEST_CASE("paxos params: defaults, and errors naming file:line:key", "[paxos][scenario]") {
  Result<Scenario> defaults = parse_scenario(
      "name: p\ncluster: { nodes: 3, protocol: paxos }\nphases:\n  - { name: a, duration: 1s }\n",
      "inline.yaml");
  REQUIRE(defaults.ok());
  const PaxosParams& params = defaults.value().cluster.paxos;
  CHECK(params.proposers == std::vector<uint32_t>{1});
  CHECK(params.phase_timeout == Duration::milliseconds(100));
  CHECK_FALSE(params.backoff_random);
  CHECK(params.bug.empty());

  CHECK(params_error("    proposers: [n1, n3]\n    propose_at: { n3: 5ms }\n") == "ok");
  CHECK(params_error("    proposrs: [n1]\n")
            .starts_with("inline.yaml:6: key 'cluster.params.proposrs': unknown key 'proposrs'"));
  CHECK(params_error("    proposers: [n1, n4]\n") ==
        "inline.yaml:6: key 'cluster.params.proposers[1]': undefined node 'n4' (cluster has 3 "
        "nodes: n1..n3)");
  CHECK(params_error("    proposers: [n1, n1]\n") ==
        "inline.yaml:6: key 'cluster.params.proposers[1]': node 'n1' is named twice");
  CHECK(params_error("    proposers: []\n")
            .starts_with("inline.yaml:6: key 'cluster.params.proposers': expected a non-empty list "
                         "of node names"));
  CHECK(params_error("    propose_at: { n2: 5ms }\n") ==
        "inline.yaml:6: key 'cluster.params.propose_at': n2 is not one of the proposers");
  CHECK(params_error("    backoff: sometimes\n") ==
        "inline.yaml:6: key 'cluster.params.backoff': expected none or random, got 'sometimes'");
  CHECK(params_error("    phase_timeout: 0ms\n")
            .starts_with("inline.yaml:6: key 'cluster.params.phase_timeout'"));
  CHECK(params_error("    max_rounds: 0\n")
            .starts_with("inline.yaml:6: key 'cluster.params.max_rounds'"));
  CHECK(params_error("    bug: accept_twice\n")
            .starts_with(
                "inline.yaml:6: key 'cluster.params.bug': expected a known bug: "
                "accept_without_promise_check, no_promise_on_accept, forget_promise_on_restart"));
}
