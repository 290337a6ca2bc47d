// File: multi_paxos_scenario_test.cc
// Whole runs of Multi-Paxos: every scenarios/fast/multipaxos-*.yaml passes on seeds 1..20 (the
// nemesis one on 1..50) with its safety checks and liveness deadlines; DSLabs lab 3 test 05's
// minority learns nothing new and a split without a majority completes no operation; the
// multi_paxos params parse strictly; the ignore_promise_reports variant is caught.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/runner/protocol_factory.h"
#include "sim/runner/runner.h"
#include "sim/scenario/scenario_parser.h"

using namespace faultline;

namespace {

const std::string source_dir = FAULTLINE_SOURCE_DIR;

Scenario load(const std::string& relative_path) {
  Result<Scenario> scenario = load_scenario(source_dir + "/" + relative_path);
  INFO(relative_path << ": " << (scenario.ok() ? "" : scenario.error().to_string()));
  REQUIRE(scenario.ok());
  REQUIRE_FALSE(scenario.value().checks.empty());
  return scenario.value();
}

const std::vector<std::string> fast_scenarios = {
    "scenarios/fast/multipaxos-02-basic.yaml",
    "scenarios/fast/multipaxos-04-progress-in-majority.yaml",
    "scenarios/fast/multipaxos-05-no-progress-in-minority.yaml",
    "scenarios/fast/multipaxos-06-progress-after-heal.yaml",
    "scenarios/fast/multipaxos-07-server-switches-partitions.yaml",
    "scenarios/fast/multipaxos-12-15-unreliable.yaml",
    "scenarios/fast/multipaxos-16-single-partition.yaml",
    "scenarios/fast/multipaxos-17-constant-repartition.yaml",
    "scenarios/fast/multipaxos-18-constant-repartition-lossy.yaml",
};

void require_pass(const std::string& path, const Scenario& scenario, uint64_t seed) {
  RunReport report = run_scenario(scenario, seed);
  INFO(path << " seed " << seed << ": " << report.verdict.check << " " << report.verdict.message);
  REQUIRE(report.verdict.passed());
  REQUIRE(report.phases.size() == scenario.phases.size());
  for (size_t index = 0; index < report.phases.size(); ++index) {
    if (scenario.phases[index].is_liveness_phase()) {
      // The deadlines passed; the phase also chose slots and completed client operations.
      INFO("phase " << report.phases[index].name);
      REQUIRE(report.phases[index].commits > 0);
      REQUIRE(report.phases[index].operations_ok > 0);
    }
  }
}

struct LearnLine {
  int64_t time_ns = 0;
  std::string node;
  int64_t slot = 0;
};

// The paxos.learn lines of a canonical trace ("<ns> <node>[@local] paxos.learn slot=S value=V").
std::vector<LearnLine> learn_lines(std::FILE* trace) {
  std::rewind(trace);
  std::vector<LearnLine> lines;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, trace) != nullptr) {
    std::istringstream line(buffer);
    LearnLine learn;
    std::string event;
    std::string slot;
    line >> learn.time_ns >> learn.node >> event >> slot;
    if (event == "paxos.learn" && slot.starts_with("slot=")) {
      learn.node = learn.node.substr(0, learn.node.find('@'));
      learn.slot = std::stoll(slot.substr(5));
      lines.push_back(learn);
    }
  }
  return lines;
}

Scenario parse(const std::string& yaml) {
  Result<Scenario> scenario = parse_scenario(yaml, "inline.yaml");
  INFO((scenario.ok() ? "" : scenario.error().to_string()));
  REQUIRE(scenario.ok());
  return scenario.value();
}

std::string parse_error(const std::string& yaml) {
  Result<Scenario> scenario = parse_scenario(yaml, "inline.yaml");
  REQUIRE_FALSE(scenario.ok());
  return scenario.error().to_string();
}

std::string with_params(const std::string& params) {
  return "name: p\ncluster:\n  nodes: 3\n  protocol: multi_paxos\n  params: " + params +
         "\nphases:\n  - { name: a, duration: 1s }\n";
}

}  // namespace

TEST_CASE("every multipaxos fast scenario passes on seeds 1..FAULTLINE_PROTOCOL_SEEDS (20)",
          "[multi_paxos][sweep]") {
  for (const std::string& path : fast_scenarios) {
    Scenario scenario = load(path);
    for (uint64_t seed = 1; seed <= FAULTLINE_PROTOCOL_SEEDS; ++seed) {
      require_pass(path, scenario, seed);
    }
  }
}

TEST_CASE(
    "multipaxos-nemesis keeps safety and regains a leader in every heal on seeds "
    "1..FAULTLINE_PROTOCOL_NEMESIS_SEEDS (50)",
    "[multi_paxos][sweep][nemesis]") {
  const std::string path = "scenarios/fast/multipaxos-nemesis.yaml";
  Scenario scenario = load(path);
  uint64_t injected = 0;
  for (uint64_t seed = 1; seed <= FAULTLINE_PROTOCOL_NEMESIS_SEEDS; ++seed) {
    require_pass(path, scenario, seed);
  }
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    for (const PhaseReport& phase : run_scenario(scenario, seed).phases) {
      injected += phase.nemesis_injected;
    }
  }
  CHECK(injected > 5);  // the faults acted
}

TEST_CASE("DSLabs 05: a minority learns no new slot; no majority, no operation", "[multi_paxos]") {
  Scenario scenario = load("scenarios/fast/multipaxos-05-no-progress-in-minority.yaml");
  REQUIRE(scenario.phases[1].name == "minority");
  REQUIRE(scenario.phases[3].name == "no-majority");
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    std::FILE* trace = std::tmpfile();
    REQUIRE(trace != nullptr);
    RunOptions options;
    options.trace_stream = trace;
    RunReport report = run_scenario(scenario, seed, options);
    INFO("seed " << seed << ": " << report.verdict.check << " " << report.verdict.message);
    REQUIRE(report.verdict.passed());
    int64_t minority_start = report.phases[1].start.ns;
    int64_t minority_end = report.phases[1].end.ns;
    int64_t highest_before = 0;
    for (const LearnLine& learn : learn_lines(trace)) {
      if (learn.time_ns < minority_start) {
        highest_before = std::max(highest_before, learn.slot);
      } else if (learn.time_ns < minority_end && (learn.node == "n1" || learn.node == "n2")) {
        INFO(learn.node << " learned slot " << learn.slot << " at " << learn.time_ns);
        CHECK(learn.slot <= highest_before);
      }
    }
    std::fclose(trace);
    CHECK(highest_before > 0);
    CHECK(report.phases[1].commits > 0);  // the majority side chose new slots
    const PhaseReport& no_majority = report.phases[3];
    CHECK(no_majority.commits == 0);
    CHECK(no_majority.operations_ok == 0);
  }
}

TEST_CASE("multi_paxos params: defaults, values, banner, strict keys", "[multi_paxos]") {
  Scenario defaults = parse(with_params("{}"));
  CHECK(defaults.cluster.multi_paxos.max_slots_per_round == 64);
  CHECK(defaults.cluster.multi_paxos.detector.kind == DetectorParams::Kind::fixed_timeout);
  CHECK(protocol_parameters(defaults) ==
        "detector=fixed_timeout interval=100ms timeout=500ms max_slots_per_round=64");

  Scenario set =
      parse(with_params("{ detector: { kind: phi_accrual, interval: 20ms, phi_threshold: 8.5 }, "
                        "max_slots_per_round: 8 }"));
  CHECK(set.cluster.multi_paxos.max_slots_per_round == 8);
  CHECK(set.cluster.multi_paxos.detector.interval == Duration::milliseconds(20));
  CHECK(set.cluster.multi_paxos.detector.phi_threshold_milli == 8500);
  CHECK(protocol_parameters(set) ==
        "detector=phi_accrual interval=20ms phi_threshold=8.500 window=100 min_std_deviation=10ms "
        "acceptable_pause=0s max_slots_per_round=8");

  CHECK_THAT(parse_error(with_params("{ leader: n1 }")),
             Catch::Contains("inline.yaml:5") && Catch::Contains("leader"));
  CHECK_THAT(parse_error(with_params("{ max_slots_per_round: 0 }")),
             Catch::Contains("inline.yaml:5") && Catch::Contains("max_slots_per_round"));
  CHECK_THAT(parse_error(with_params("{ bug: forget_everything }")),
             Catch::Contains("inline.yaml:5") && Catch::Contains("ignore_promise_reports"));
  CHECK_THAT(parse_error(with_params("{ detector: { kind: fixed_timeout, window: 5 } }")),
             Catch::Contains("inline.yaml:5") && Catch::Contains("window"));
}

TEST_CASE("ignore_promise_reports is caught by paxos.agreement; the correct leader passes",
          "[multi_paxos][negative]") {
  Scenario scenario = load("scenarios/negative/multipaxos-ignore-promise-reports-bug.yaml");
  REQUIRE(scenario.expect_violation == "paxos.agreement");
  REQUIRE(scenario.cluster.multi_paxos.bug == "ignore_promise_reports");
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    RunReport report = run_scenario(scenario, seed);
    INFO("seed " << seed << ": " << report.verdict.check << " " << report.verdict.message);
    CHECK(report.verdict.check == "paxos.agreement");
    CHECK(report.passed());
  }
  // The same timeline with the correct protocol: the new leader re-proposes the reported values.
  scenario.cluster.multi_paxos.bug.clear();
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    RunReport correct = run_scenario(scenario, seed);
    INFO("correct, seed " << seed << ": " << correct.verdict.check << " "
                          << correct.verdict.message);
    CHECK(correct.verdict.passed());
  }
}
