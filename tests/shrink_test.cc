// File: shrink_test.cc
// `faultline shrink` (tools/shrink_command.h): every negative scenario shrinks, with its own
// seed, to a standalone file that parses, still fires its expected check when run with no flag
// and has at most a handful of faults; a scenario with ten scripted faults of which one matters
// shrinks to exactly that one; a random nemesis becomes a timeline that loses entries; the search
// is deterministic and bounded by --max-runs; a passing input is exit 1 and bad input exit 2, and
// neither leaves a file.
#include <unistd.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/runner/runner.h"
#include "sim/scenario/scenario_parser.h"
#include "tests/cli_run.h"
#include "tools/shrink_command.h"

namespace {

namespace fs = std::filesystem;
const std::string source_dir = FAULTLINE_SOURCE_DIR;

// A negative scenario's shrunk form has at most this many faults (scripted and timeline).
constexpr size_t max_shrunk_faults = 5;

std::string temporary_path(const std::string& name) {
  return "/tmp/faultline-shrink-test-" + std::to_string(::getpid()) + "-" + name;
}

std::string read_file(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

struct Shrunk {
  int status = -1;
  std::string output;  // stdout and stderr
};

Shrunk shrink(const std::string& scenario, const std::string& out, uint64_t max_runs = 500) {
  faultline::ShrinkCommandOptions options;
  options.scenario_path = scenario;
  options.out_path = out;
  options.max_runs = max_runs;
  std::FILE* sink = std::tmpfile();
  REQUIRE(sink != nullptr);
  Shrunk result;
  result.status = faultline::shrink_command(options, sink, sink);
  std::rewind(sink);
  char buffer[4096];
  size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, sink)) > 0) {
    result.output.append(buffer, read);
  }
  std::fclose(sink);
  return result;
}

size_t fault_count(const faultline::Scenario& scenario) {
  size_t count = 0;
  for (const faultline::PhaseSpec& phase : scenario.phases) {
    count += phase.faults.size();
    if (phase.nemesis && phase.nemesis->timeline) {
      count += phase.nemesis->timeline->size();
    }
  }
  return count;
}

// The shrunk file, read and run exactly as `faultline run FILE` would (its own seed, no flag).
faultline::Scenario load_and_check(const std::string& path, faultline::RunReport& report) {
  faultline::Result<faultline::Scenario> scenario = faultline::load_scenario(path);
  INFO(path << ": " << (scenario.ok() ? "" : scenario.error().to_string()));
  REQUIRE(scenario.ok());
  report = faultline::run_scenario(*scenario, scenario->seed);
  return *scenario;
}

std::vector<std::string> negative_scenarios() {
  std::vector<std::string> paths;
  for (const fs::directory_entry& entry : fs::directory_iterator("scenarios/negative")) {
    if (entry.path().extension() == ".yaml") {
      paths.push_back(entry.path().string());
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace

TEST_CASE("every negative scenario shrinks to a handful of faults and still fires its check") {
  std::vector<std::string> paths = negative_scenarios();
  REQUIRE(paths.size() >= 16);
  for (const std::string& path : paths) {
    std::string out = temporary_path(fs::path(path).stem().string() + ".shrunk.yaml");
    Shrunk shrunk = shrink(path, out);
    INFO(path << "\n" << shrunk.output);
    REQUIRE(shrunk.status == 0);
    faultline::RunReport original_report;
    faultline::Scenario original = load_and_check(path, original_report);
    faultline::RunReport report;
    faultline::Scenario scenario = load_and_check(out, report);
    CHECK(scenario.expect_violation == original.expect_violation);
    CHECK(report.passed());  // the expected check fires, with no --seed
    CHECK(report.verdict.check == original.expect_violation);
    CHECK(fault_count(scenario) <= max_shrunk_faults);
    CHECK(fault_count(scenario) <= fault_count(original));
    // About one seed: `seed:` set, the input's `seeds` list for `faultline test` dropped.
    CHECK(read_file(out).find("\nseeds:") == std::string::npos);
    CHECK(scenario.seed == original.seed);
    fs::remove(out);
  }
}

TEST_CASE("ten scripted faults of which one matters shrink to exactly that one") {
  // The leaderless store without anti-entropy or read repair: only the isolated replica n1
  // misses writes, so only the partition makes replication.convergence fail after the heal. The
  // clogs hold messages without dropping them, the heals find nothing to heal and the restarts
  // find their nodes up.
  std::string scenario = temporary_path("ten-faults.yaml");
  std::ofstream(scenario) << R"(name: shrink-ten-faults
cluster:
  nodes: 5
  protocol: replication
  params: { strategy: leaderless, replication_factor: 3, write_consistency: quorum,
            read_consistency: quorum, read_repair: none, anti_entropy_interval: 0s }
network: { latency: { dist: lognormal, median: 1ms, p99: 8ms } }
workload: { clients: 4, ops: { put: 0.7, get: 0.3 }, rate: 60/s, keys: 64 }
phases:
  - name: partition
    duration: 4s
    faults:
      - { at: 100ms, clog: { from: n2, to: n3, duration: 5ms } }
      - { at: 150ms, heal: all }
      - { at: 200ms, clog: { from: n4, to: n5, duration: 5ms } }
      - { at: 250ms, restart: n3 }
      - { at: 300ms, clog: { from: n3, to: n2, duration: 5ms } }
      - { at: 350ms, heal: all }
      - { at: 400ms, clog: { to: n4, duration: 5ms } }
      - { at: 500ms, partition: { shape: isolate, node: n1 } }
      - { at: 600ms, clog: { from: n5, duration: 5ms } }
      - { at: 700ms, restart: n2 }
  - name: heal
    duration: 3s
    expect: { converge_within: 2s }
checks: [replication.no_lost_write, replication.convergence]
)";
  std::string out = temporary_path("ten-faults.shrunk.yaml");
  Shrunk shrunk = shrink(scenario, out);
  INFO(shrunk.output);
  REQUIRE(shrunk.status == 0);
  CHECK(shrunk.output.find("removed fault line 20") == std::string::npos);  // the isolate
  CHECK(shrunk.output.find("removed fault line 22 (restart n2 at 700ms)") != std::string::npos);
  faultline::RunReport report;
  faultline::Scenario shrunk_scenario = load_and_check(out, report);
  CHECK(report.verdict.check == "replication.convergence");
  REQUIRE(fault_count(shrunk_scenario) == 1);
  const faultline::FaultSpec& fault = shrunk_scenario.phases.at(0).faults.at(0);
  CHECK(fault.kind == faultline::FaultSpec::Kind::partition);
  CHECK(fault.shape == faultline::FaultSpec::Shape::isolate);
  CHECK(fault.at == faultline::Duration::milliseconds(500));
  REQUIRE(fault.targets.size() == 1);
  CHECK(fault.targets[0].node == 1);
  fs::remove(scenario);
  fs::remove(out);
}

TEST_CASE("a random nemesis becomes its timeline and loses entries like scripted faults") {
  // Raft acknowledging before its sync, under random crashes and partitions: seed 1 fails
  // raft.leader_completeness at 8.36s after 43 nemesis decisions (skips included). A budget of
  // 20 runs keeps the test cheap; the full search takes it to 16 entries in 241 runs.
  std::string scenario = temporary_path("nemesis.yaml");
  std::ofstream(scenario) << R"(name: shrink-nemesis
cluster:
  nodes: 5
  protocol: raft
  params: { election_timeout: [150ms, 300ms], heartbeat_interval: 50ms, bug: ack_before_sync }
network: { latency: 1ms }
disk: { sync_latency: 50ms, lose_unsynced_on_crash: true }
workload: { clients: 4, ops: { put: 1 }, rate: 200/s, keys: 8 }
phases:
  - name: chaos
    duration: 10s
    nemesis: { crash: 2/s, torn_crash: 1/s, partition: 1/s, clog: 0.5/s, fault_duration: [100ms, 1s] }
checks: [raft.election_safety, raft.log_matching, raft.leader_completeness, raft.state_machine_safety]
)";
  std::string out = temporary_path("nemesis.shrunk.yaml");
  Shrunk shrunk = shrink(scenario, out, 20);
  INFO(shrunk.output);
  REQUIRE(shrunk.status == 0);
  CHECK(shrunk.output.find("start: faults 43 (scripted 0, timeline 43)") != std::string::npos);
  CHECK(shrunk.output.find("removed timeline entry (") != std::string::npos);
  faultline::RunReport report;
  faultline::Scenario shrunk_scenario = load_and_check(out, report);
  CHECK(report.verdict.check == "raft.leader_completeness");
  REQUIRE(shrunk_scenario.phases.at(0).nemesis.has_value());
  REQUIRE(shrunk_scenario.phases.at(0).nemesis->timeline.has_value());
  CHECK(shrunk_scenario.phases.at(0).nemesis->crash.is_zero());  // no rate left: a replay
  CHECK(fault_count(shrunk_scenario) < 43);
  fs::remove(scenario);
  fs::remove(out);
}

TEST_CASE("shrinking is deterministic and --max-runs bounds it") {
  std::string path = "scenarios/negative/raft-figure8-bug.yaml";
  std::string first = temporary_path("figure8-first.yaml");
  std::string second = temporary_path("figure8-second.yaml");
  REQUIRE(shrink(path, first).status == 0);
  REQUIRE(shrink(path, second).status == 0);
  // The same text after the header, which names the output file.
  std::string first_text = read_file(first);
  std::string second_text = read_file(second);
  CHECK(first_text.substr(first_text.find("\nname:")) ==
        second_text.substr(second_text.find("\nname:")));
  // Three runs: the input's, the start tree's, the final check; no candidate fits.
  Shrunk bounded = shrink(path, first, faultline::min_shrink_runs);
  INFO(bounded.output);
  REQUIRE(bounded.status == 0);
  CHECK(bounded.output.find("3 runs of at most 3") != std::string::npos);
  CHECK(bounded.output.find("stopped at --max-runs 3") != std::string::npos);
  faultline::RunReport report;
  load_and_check(first, report);
  CHECK(report.passed());
  fs::remove(first);
  fs::remove(second);
}

TEST_CASE("a scenario that does not fail is exit 1, bad input exit 2, and neither writes a file") {
  std::string out = temporary_path("none.shrunk.yaml");
  Shrunk passing = shrink("scenarios/fast/paxos-basic.yaml", out);
  INFO(passing.output);
  CHECK(passing.status == 1);
  CHECK(passing.output.find("does not fail with seed 1") != std::string::npos);
  Shrunk missing = shrink("scenarios/negative/no-such-file.yaml", out);
  CHECK(missing.status == 2);
  CHECK(shrink("scenarios/negative/raft-figure8-bug.yaml", out, 2).status == 2);
  CHECK(!fs::exists(out));
}

TEST_CASE("faultline shrink from the command line") {
  std::string out = temporary_path("cli.shrunk.yaml");
  faultline::cli_test::Output shrunk = faultline::cli_test::run(
      "shrink scenarios/negative/raft-b08-count-duplicate-acks-bug.yaml "
      "--swarm --out " +
      out);
  INFO(shrunk.text);
  CHECK(shrunk.status == 0);
  CHECK(shrunk.text.find("seed=1 swarm\n") != std::string::npos);
  CHECK(shrunk.text.find("\nrun it: ") != std::string::npos);
  faultline::cli_test::Output run = faultline::cli_test::run("run " + out);
  CHECK(run.status == 0);  // a negative scenario: its expected check fires
  CHECK(faultline::cli_test::run("shrink scenarios/fast/paxos-basic.yaml --out " + out).status ==
        1);
  CHECK(faultline::cli_test::run("shrink scenarios/fast/paxos-basic.yaml --seed x").status == 2);
  // --swarm needs a nemesis to choose for.
  CHECK(faultline::cli_test::run("shrink scenarios/fast/paxos-basic.yaml --swarm").status == 2);
  CHECK(faultline::cli_test::run("shrink scenarios/fast/paxos-basic.yaml --max-runs 2").status ==
        2);
  fs::remove(out);
}
