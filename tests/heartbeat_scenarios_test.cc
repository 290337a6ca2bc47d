// File: heartbeat_scenarios_test.cc
// Whole runs of the failure-detector scenarios: the trade-off family under delay spikes
// (scenarios/fast/heartbeat-spikes-*.yaml) on exact fd.qos figures, and case F-01 (asymmetric
// link, reference-scenarios.md) in its heartbeat form and its two Raft forms, on 20 seeds each.
#include <catch2/catch.hpp>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "sim/runner/runner.h"
#include "sim/scenario/scenario_parser.h"

namespace faultline {
namespace {

const std::string source_dir = FAULTLINE_SOURCE_DIR;
constexpr uint64_t f01_seeds = 20;
constexpr uint64_t tradeoff_seeds = 10;

Scenario load(const std::string& relative_path) {
  Result<Scenario> scenario = load_scenario(source_dir + "/" + relative_path);
  INFO(relative_path << ": " << (scenario.ok() ? "" : scenario.error().to_string()));
  REQUIRE(scenario.ok());
  return scenario.value();
}

std::map<std::string, std::string> figures_of(const RunReport& report) {
  return {report.figures.begin(), report.figures.end()};
}

// "0.324507209s" -> 324507209 (ns).
int64_t seconds_ns(const std::string& text) {
  REQUIRE(text.size() > 11);
  std::string digits = text.substr(0, text.size() - 11) + text.substr(text.size() - 10, 9);
  return std::stoll(digits);
}

// The run's trace lines that contain `needle`.
std::vector<std::string> trace_lines(const Scenario& scenario, uint64_t seed,
                                     const std::string& needle) {
  std::FILE* stream = std::tmpfile();
  REQUIRE(stream != nullptr);
  RunOptions options;
  options.trace_stream = stream;
  run_scenario(scenario, seed, options);
  std::rewind(stream);
  std::vector<std::string> lines;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, stream) != nullptr) {
    std::string line(buffer);
    if (line.find(needle) != std::string::npos) {
      lines.push_back(line.substr(0, line.size() - 1));
    }
  }
  std::fclose(stream);
  return lines;
}

using Figures = std::map<std::string, std::string>;

TEST_CASE("delay spikes, seed 1: the exact fd.qos figures of the three detectors",
          "[heartbeat][scenario]") {
  RunReport short_timeout =
      run_scenario(load("scenarios/fast/heartbeat-spikes-short-timeout.yaml"), 1);
  RunReport long_timeout =
      run_scenario(load("scenarios/fast/heartbeat-spikes-long-timeout.yaml"), 1);
  RunReport phi = run_scenario(load("scenarios/fast/heartbeat-spikes-phi-accrual.yaml"), 1);
  for (const RunReport* report : {&short_timeout, &long_timeout, &phi}) {
    CHECK(report->verdict.passed());
  }
  CHECK(figures_of(short_timeout) == Figures{{"crashes", "2"},
                                             {"crashes_undetected", "0"},
                                             {"detection_time_mean", "0.324507209s"},
                                             {"detection_time_max", "0.443027150s"},
                                             {"mistakes", "71"},
                                             {"mistakes_open", "0"},
                                             {"mistakes_open_pairs", "-"},
                                             {"mistake_rate_per_pair_hour", "469.852"},
                                             {"mistake_duration_mean", "0.355802402s"},
                                             {"mistake_duration_max", "0.582793224s"},
                                             {"monitoring_pair_hours", "0.151"}});
  CHECK(figures_of(long_timeout) == Figures{{"crashes", "2"},
                                            {"crashes_undetected", "0"},
                                            {"detection_time_mean", "1.224507209s"},
                                            {"detection_time_max", "1.343027150s"},
                                            {"mistakes", "0"},
                                            {"mistakes_open", "0"},
                                            {"mistakes_open_pairs", "-"},
                                            {"mistake_rate_per_pair_hour", "0.000"},
                                            {"mistake_duration_mean", "-"},
                                            {"mistake_duration_max", "-"},
                                            {"monitoring_pair_hours", "0.151"}});
  CHECK(figures_of(phi) == Figures{{"crashes", "2"},
                                   {"crashes_undetected", "0"},
                                   {"detection_time_mean", "0.418204404s"},
                                   {"detection_time_max", "0.774179637s"},
                                   {"mistakes", "51"},
                                   {"mistakes_open", "0"},
                                   {"mistakes_open_pairs", "-"},
                                   {"mistake_rate_per_pair_hour", "337.500"},
                                   {"mistake_duration_mean", "0.358869868s"},
                                   {"mistake_duration_max", "0.711929607s"},
                                   {"monitoring_pair_hours", "0.151"}});
  // The same faults for all three: same monitoring time, same crashes. The long timeout's
  // detection is the short one's plus exactly 900ms: the same last heartbeat, 900ms more wait.
  CHECK(seconds_ns(figures_of(long_timeout)["detection_time_mean"]) -
            seconds_ns(figures_of(short_timeout)["detection_time_mean"]) ==
        900'000'000);
}

TEST_CASE(
    "delay spikes, seeds 1..10: phi-accrual errs less than a short timeout and detects "
    "faster than a long one",
    "[heartbeat][scenario]") {
  Scenario short_timeout = load("scenarios/fast/heartbeat-spikes-short-timeout.yaml");
  Scenario long_timeout = load("scenarios/fast/heartbeat-spikes-long-timeout.yaml");
  Scenario phi = load("scenarios/fast/heartbeat-spikes-phi-accrual.yaml");
  struct Totals {
    uint64_t mistakes = 0;
    int64_t detection_ns = 0;  // sum over seeds of the mean detection time
  };
  std::map<std::string, Totals> totals;
  for (uint64_t seed = 1; seed <= tradeoff_seeds; ++seed) {
    std::map<std::string, Figures> by_variant;
    for (const auto& [name, scenario] :
         {std::pair{"short", &short_timeout}, {"long", &long_timeout}, {"phi", &phi}}) {
      RunReport report = run_scenario(*scenario, seed);
      INFO(name << " seed " << seed);
      REQUIRE(report.verdict.passed());
      Figures figures = figures_of(report);
      REQUIRE(figures["crashes"] == "2");
      REQUIRE(figures["crashes_undetected"] == "0");
      totals[name].mistakes += std::stoull(figures["mistakes"]);
      totals[name].detection_ns += seconds_ns(figures["detection_time_mean"]);
      by_variant[name] = figures;
    }
    INFO("seed " << seed);
    CHECK(by_variant["long"]["mistakes"] == "0");
    CHECK(std::stoull(by_variant["phi"]["mistakes"]) <
          std::stoull(by_variant["short"]["mistakes"]));
    CHECK(seconds_ns(by_variant["phi"]["detection_time_mean"]) <
          seconds_ns(by_variant["long"]["detection_time_mean"]));
  }
  CHECK(totals["short"].mistakes == 911);
  CHECK(totals["phi"].mistakes == 611);
  CHECK(totals["long"].mistakes == 0);
  CHECK(totals["short"].detection_ns < totals["phi"].detection_ns);
  CHECK(totals["phi"].detection_ns < totals["long"].detection_ns);
}

TEST_CASE("F-01 heartbeat form: n1 suspects n3 for good, nobody else suspects anyone",
          "[heartbeat][scenario]") {
  Scenario scenario = load("scenarios/fast/heartbeat-f01-asymmetric-link.yaml");
  for (uint64_t seed = 1; seed <= f01_seeds; ++seed) {
    INFO("seed " << seed);
    RunReport report = run_scenario(scenario, seed);
    REQUIRE(report.verdict.passed());
    Figures figures = figures_of(report);
    CHECK(figures["mistakes"] == "1");
    CHECK(figures["mistakes_open"] == "1");
    CHECK(figures["mistakes_open_pairs"] == "n1->n3");
    CHECK(figures["crashes"] == "0");
    std::vector<std::string> verdicts = trace_lines(scenario, seed, " fd.");
    REQUIRE(verdicts.size() == 1);
    CHECK(verdicts[0].find(" n1 fd.suspect target=n3") != std::string::npos);
  }
}

TEST_CASE("F-01 Raft: with PreVote and CheckQuorum leader n3 stays; without, the cut deposes it",
          "[heartbeat][scenario]") {
  Scenario fast = load("scenarios/fast/raft-f01-asymmetric-link.yaml");
  Scenario broken = load("scenarios/negative/raft-f01-asymmetric-link-no-prevote.yaml");
  REQUIRE(broken.expect_violation == "liveness.leader_changes");
  for (uint64_t seed = 1; seed <= f01_seeds; ++seed) {
    INFO("seed " << seed);
    // The timeline is pinned: n3 (fast clock) is the only leader before the cut at 1.1s.
    std::vector<std::string> leaders = trace_lines(fast, seed, "raft.become_leader");
    REQUIRE(leaders.size() == 1);
    CHECK(leaders[0].find(" n3@") != std::string::npos);
    CHECK(leaders[0].find("term=1") != std::string::npos);
    RunReport report = run_scenario(fast, seed);
    CHECK(report.verdict.passed());
    REQUIRE(report.phases.size() == 2);
    CHECK(report.phases[1].elections == 0);
    CHECK(report.phases[1].commits > 0);
    RunReport caught = run_scenario(broken, seed);
    CHECK(caught.verdict.check == "liveness.leader_changes");
    CHECK(caught.passed());
  }
  // The negative timeline with the correct Raft passes.
  broken.cluster.raft.pre_vote = true;
  broken.cluster.raft.check_quorum = true;
  broken.expect_violation.clear();
  CHECK(run_scenario(broken, 1).verdict.passed());
}

// F-02 (reference-scenarios.md: the Raft thesis timing rule as a detector-tuning test) in its
// detector form: heartbeats every 100ms, a fixed timeout of 500ms, and a one-way latency uniform
// in [0, X]. Two counted arrivals are at most 100ms + X apart (the first heartbeat sent after an
// arrival leaves within 100ms and takes at most X), so there can be no false suspicion while
// 100ms + X < 500ms, whatever the seed; well above it, jitter alone makes mistakes.
TEST_CASE("F-02, detector form: no false suspicion while interval + jitter < timeout",
          "[heartbeat][scenario]") {
  auto scenario_with_jitter = [](const std::string& jitter) {
    std::string yaml =
        "name: heartbeat-f02\n"
        "cluster:\n  nodes: 3\n  protocol: heartbeat\n"
        "  params: { detector: { kind: fixed_timeout, interval: 100ms, timeout: 500ms } }\n"
        "network: { latency: { dist: uniform, min: 0ms, max: " +
        jitter + " } }\nphases:\n  - { name: run, duration: 20s }\n";
    Result<Scenario> scenario = parse_scenario(yaml, "inline.yaml");
    REQUIRE(scenario.ok());
    return scenario.value();
  };
  for (const char* jitter : {"0ms", "100ms", "250ms", "399ms"}) {
    Scenario scenario = scenario_with_jitter(jitter);
    for (uint64_t seed = 1; seed <= 5; ++seed) {
      INFO("jitter " << jitter << " seed " << seed);
      CHECK(figures_of(run_scenario(scenario, seed))["mistakes"] == "0");
    }
  }
  for (const char* jitter : {"700ms", "1s"}) {
    Scenario scenario = scenario_with_jitter(jitter);
    for (uint64_t seed = 1; seed <= 5; ++seed) {
      INFO("jitter " << jitter << " seed " << seed);
      CHECK(std::stoull(figures_of(run_scenario(scenario, seed))["mistakes"]) > 0);
    }
  }
}

}  // namespace
}  // namespace faultline
