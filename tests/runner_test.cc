// File: runner_test.cc
// Whole runs: every fast scenario passes on seeds 1..100; the negative scenario is caught on its
// named seed; golden trace hashes pin determinism (the same values on g++ and clang++, -O0 and
// -O2, with and without sanitizers: .ci/run builds all of them and runs this test in each).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>

#include "sim/base/trace.h"
#include "sim/check/checker_set.h"
#include "sim/runner/runner.h"
#include "sim/runner/scenario_mapping.h"
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

// How often the fault models did `name` over the whole run (PhaseReport::effects).
uint64_t effect_total(const RunReport& report, std::string_view name) {
  uint64_t total = 0;
  for (const PhaseReport& phase : report.phases) {
    for (const auto& [effect, count] : phase.effects) {
      total += effect == name ? count : 0;
    }
  }
  return total;
}

Scenario parse(const std::string& yaml) {
  Result<Scenario> scenario = parse_scenario(yaml, "inline.yaml");
  INFO((scenario.ok() ? "" : scenario.error().to_string()));
  REQUIRE(scenario.ok());
  return scenario.value();
}

// The trace hash each scenario gives on seed 1. A change here is a change of the determinism
// contract: explain it in the commit message.
// Every scenario of scenarios/fast/ and scenarios/negative/ (a test below checks that the table
// and the folders agree), whatever its protocol.
const std::map<std::string, std::string> golden_hashes = {
    {"scenarios/fast/heartbeat-f01-asymmetric-link.yaml", "3b92f032aeb1679d"},
    {"scenarios/fast/heartbeat-spikes-long-timeout.yaml", "b472c96ef228853b"},
    {"scenarios/fast/heartbeat-spikes-phi-accrual.yaml", "edfefef7c8e293bf"},
    {"scenarios/fast/heartbeat-spikes-short-timeout.yaml", "6238615b7a21365d"},
    {"scenarios/fast/multipaxos-02-basic.yaml", "c7a51842706c46f2"},
    {"scenarios/fast/multipaxos-04-progress-in-majority.yaml", "1342ccad724a5568"},
    {"scenarios/fast/multipaxos-05-no-progress-in-minority.yaml", "83ca0c4a4d4ac6c6"},
    {"scenarios/fast/multipaxos-06-progress-after-heal.yaml", "f0b0d3f68c0ed690"},
    {"scenarios/fast/multipaxos-07-server-switches-partitions.yaml", "3ec2eea08d05ef61"},
    {"scenarios/fast/multipaxos-12-15-unreliable.yaml", "7b9fa2e462d248a2"},
    {"scenarios/fast/multipaxos-16-single-partition.yaml", "9ffdf848d0b6aadc"},
    {"scenarios/fast/multipaxos-17-constant-repartition.yaml", "0f32a8649319bd9c"},
    {"scenarios/fast/multipaxos-18-constant-repartition-lossy.yaml", "d91da4129bab019c"},
    {"scenarios/fast/multipaxos-nemesis.yaml", "f91e4f93dd6b8318"},
    {"scenarios/fast/paxos-b19-correct-acceptor.yaml", "18dbc11df5123942"},
    {"scenarios/fast/paxos-b21-correct-acceptor.yaml", "79730e4d4e582ca5"},
    {"scenarios/fast/paxos-basic.yaml", "bf059cde51eb62ed"},
    {"scenarios/fast/paxos-dueling-backoff.yaml", "c2d2cf15c1cd9e71"},
    {"scenarios/fast/paxos-p01-one-crashed.yaml", "b049221e744a56ba"},
    {"scenarios/fast/paxos-p01-promise-survives-restart.yaml", "bd5f19a9ccb3750d"},
    {"scenarios/fast/raft-b07-one-vote-per-term.yaml", "7f9e6cca3cad3766"},
    {"scenarios/fast/raft-b08-duplicate-acks.yaml", "f58ee06bb7dd35ea"},
    {"scenarios/fast/raft-b11-rejoin-keeps-leader.yaml", "ceb890e8f1a18e8f"},
    {"scenarios/fast/raft-b23-durable-before-ack.yaml", "12d75bab2295a6cc"},
    {"scenarios/fast/raft-f01-asymmetric-link.yaml", "804473794942e8bb"},
    {"scenarios/fast/raft-figure8.yaml", "71f9fe2c31e76031"},
    {"scenarios/fast/raft-k01-kv-linearizable.yaml", "c042da7bf71cba35"},
    {"scenarios/fast/raft-leader-crash-restart.yaml", "c26b2de52c7588ab"},
    {"scenarios/fast/raft-leader-partition.yaml", "1b00210afff37b1e"},
    {"scenarios/fast/raft-minority-partition.yaml", "b626e25e8440d923"},
    {"scenarios/fast/raft-nemesis.yaml", "2c2df98c7bb58901"},
    {"scenarios/fast/raft-repeated-crashes.yaml", "913d9ac0fbdee69c"},
    {"scenarios/fast/raft-steady-state.yaml", "9e66f522567d1c59"},
    {"scenarios/fast/replication-active-multipaxos.yaml", "84eac991fcd03736"},
    {"scenarios/fast/replication-active-raft.yaml", "b2f9defa2eb6b799"},
    {"scenarios/fast/replication-b22-epochs.yaml", "2902f285b0c80746"},
    {"scenarios/fast/replication-leaderless-k02-sync-repair.yaml", "1859992f4482697b"},
    {"scenarios/fast/replication-leaderless-quorum.yaml", "2f32c66686680136"},
    {"scenarios/fast/replication-nemesis.yaml", "0b836c789f772918"},
    {"scenarios/fast/replication-passive-failover.yaml", "cee3bc949a86a82e"},
    {"scenarios/fast/replication-semi-active-failover.yaml", "6422ee0b487f4abe"},
    {"scenarios/negative/multipaxos-ignore-promise-reports-bug.yaml", "fea39f97d02537e9"},
    {"scenarios/negative/paxos-b19-accept-without-promise.yaml", "9fcc5d315af1a72c"},
    {"scenarios/negative/paxos-b21-no-promise-on-accept.yaml", "f7efd0bda81d9c0c"},
    {"scenarios/negative/paxos-dueling-no-backoff.yaml", "d028716514420e8c"},
    {"scenarios/negative/paxos-p01-forget-promise.yaml", "b50400b086f6089a"},
    {"scenarios/negative/raft-b07-clear-vote-bug.yaml", "db90609f002e72b3"},
    {"scenarios/negative/raft-b08-count-duplicate-acks-bug.yaml", "13a9b46c1bb94b29"},
    {"scenarios/negative/raft-b11-no-prevote-bug.yaml", "bc692f6bcf8d7ce5"},
    {"scenarios/negative/raft-b23-ack-before-sync-bug.yaml", "456cd891453e4c2d"},
    {"scenarios/negative/raft-f01-asymmetric-link-no-prevote.yaml", "2c6f24f61e330004"},
    {"scenarios/negative/raft-figure8-bug.yaml", "68846bf3d2b09ec6"},
    {"scenarios/negative/replication-b22-no-epochs-bug.yaml", "d1b15e8953ccc25b"},
    {"scenarios/negative/replication-leaderless-clock-skew-lww.yaml", "5ceedd97a62439be"},
    {"scenarios/negative/replication-leaderless-k01-one-stale-read.yaml", "acc02dc96c47f0cf"},
    {"scenarios/negative/replication-leaderless-k01-quorum-async-repair.yaml", "e1345014646a224e"},
    {"scenarios/negative/replication-leaderless-no-anti-entropy.yaml", "087d116131b5efb7"},
};

}  // namespace

// The scenario that uses every fault kind sweeps more seeds than the others (issue 3: 1..500).
const std::string nemesis_scenario = "scenarios/fast/raft-nemesis.yaml";

TEST_CASE("every fast Raft scenario passes on seeds 1..FAULTLINE_SWEEP_SEEDS (100)",
          "[runner][sweep]") {
  for (const auto& [path, golden] : golden_hashes) {
    if (path == nemesis_scenario || path.rfind("scenarios/fast/raft-", 0) != 0) {
      continue;  // the other protocols' scenarios are swept by their own tests
    }
    Scenario scenario = load(path);
    // Every known safety check, whatever the scenario lists (raft.commit_quorum included), and
    // the client history's linearizability (Raft's KV serves gets through the log).
    scenario.checks = known_safety_checks();
    scenario.checks.push_back("linearizable");
    for (uint64_t seed = 1; seed <= FAULTLINE_SWEEP_SEEDS; ++seed) {
      RunReport report = run_scenario(scenario, seed);
      INFO(path << " seed " << seed << ": " << report.verdict.check << " "
                << report.verdict.message);
      REQUIRE(report.verdict.passed());
      // A pass must mean the run did something: a leader and commits in every scenario.
      REQUIRE(report.phases.back().commits > 0);
    }
  }
}

TEST_CASE(
    "raft-nemesis keeps every safety invariant and regains a leader in every heal phase on "
    "seeds 1..FAULTLINE_NEMESIS_SEEDS (500)",
    "[runner][sweep][nemesis]") {
  Scenario scenario = load(nemesis_scenario);
  scenario.checks = known_safety_checks();
  scenario.checks.push_back("linearizable");
  std::map<std::string, uint64_t> effects;
  uint64_t injected = 0;
  for (uint64_t seed = 1; seed <= FAULTLINE_NEMESIS_SEEDS; ++seed) {
    RunReport report = run_scenario(scenario, seed);
    INFO("raft-nemesis seed " << seed << ": " << report.verdict.check << " "
                              << report.verdict.message);
    REQUIRE(report.verdict.passed());
    // The linearizability check judged the history: hundreds of operations, not none.
    auto operations = std::find_if(report.figures.begin(), report.figures.end(), [](const auto& f) {
      return f.first == "linearizable.operations";
    });
    REQUIRE(operations != report.figures.end());
    REQUIRE(std::stoul(operations->second) > 100);
    REQUIRE(report.phases.size() == scenario.phases.size());
    for (size_t index = 0; index < report.phases.size(); ++index) {
      const PhaseReport& phase = report.phases[index];
      injected += phase.nemesis_injected;
      for (const auto& [name, count] : phase.effects) {
        effects[name] += count;
      }
      if (scenario.phases[index].is_liveness_phase()) {
        // leader_within passed; the phase also committed client operations again.
        REQUIRE(phase.commits > 0);
        REQUIRE(phase.operations_ok > 0);
      }
    }
  }
  // A pass means something only if the faults acted: every kind left its mark over the sweep.
  CHECK(injected > FAULTLINE_NEMESIS_SEEDS);
  for (const char* name :
       {"dropped_loss", "dropped_partition", "dropped_crashed", "dropped_queue_full", "duplicated",
        "reordered", "clogged", "transmitted", "clock_jumps", "torn_writes", "corruptions", "wipes",
        "sync_failures", "halts"}) {
    INFO(name);
    CHECK(effects[name] > 0);
  }
}

TEST_CASE(
    "raft-nemesis --swarm: a lagging follower catches up through a 2 KiB link queue (AppendEntries "
    "bounded by bytes)",
    "[runner][nemesis]") {
  // Before max_append_bytes, 64 entries (~2.4 KB) never fitted the scenario's 2 KiB queues and
  // these swarm seeds stopped committing once two nodes were damaged (liveness.commits).
  for (uint64_t seed : {40, 44, 52, 66, 122, 144, 220, 252}) {
    Scenario scenario = load(nemesis_scenario);
    REQUIRE(apply_swarm(scenario, seed).ok());
    RunReport report = run_scenario(scenario, seed);
    INFO("raft-nemesis --swarm seed " << seed << ": " << report.verdict.check << " "
                                      << report.verdict.message);
    CHECK(report.verdict.passed());
  }
  Scenario unbounded = load(nemesis_scenario);
  REQUIRE(apply_swarm(unbounded, 40).ok());
  unbounded.cluster.raft.max_append_bytes = uint64_t{1} << 30;
  CHECK(run_scenario(unbounded, 40).verdict.check == "liveness.commits");
}

TEST_CASE("every negative scenario is caught, and passes with the correct Raft",
          "[runner][negative]") {
  // The B-case timelines are exact (per-node clocks, per-link latencies): caught on every seed.
  // Figure 8's timeline was built from seed 1's trace, so only its own seed counts there.
  const std::string folder = "scenarios/negative/";
  const std::vector<std::pair<std::string, uint64_t>> negatives = {
      {"raft-figure8-bug.yaml", 1},
      {"raft-b07-clear-vote-bug.yaml", 10},
      {"raft-b08-count-duplicate-acks-bug.yaml", 10},
      {"raft-b11-no-prevote-bug.yaml", 10},
      {"raft-b23-ack-before-sync-bug.yaml", 10},
  };
  for (const auto& [name, seeds] : negatives) {
    Scenario scenario = load(folder + name);
    REQUIRE_FALSE(scenario.expect_violation.empty());
    for (uint64_t offset = 0; offset < seeds; ++offset) {
      uint64_t seed = scenario.seed + offset;
      RunReport report = run_scenario(scenario, seed);
      INFO(name << " seed " << seed << ": " << report.verdict.check << " "
                << report.verdict.message);
      CHECK(report.verdict.check == scenario.expect_violation);
      CHECK(report.passed());
    }
    // The same timeline and seed with the correct Raft (no bug, PreVote and CheckQuorum on).
    scenario.cluster.raft.bug.clear();
    scenario.cluster.raft.pre_vote = true;
    scenario.cluster.raft.check_quorum = true;
    RunReport correct = run_scenario(scenario, scenario.seed);
    INFO(name << " with the correct Raft: " << correct.verdict.check << " "
              << correct.verdict.message);
    CHECK(correct.verdict.passed());
  }
}

TEST_CASE("every fast and negative scenario has a golden trace hash", "[runner][golden]") {
  std::vector<std::string> on_disk;
  for (const char* folder : {"scenarios/fast", "scenarios/negative"}) {
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      on_disk.push_back(entry.path().generic_string());
    }
  }
  std::sort(on_disk.begin(), on_disk.end());
  std::vector<std::string> in_table;
  for (const auto& [path, golden] : golden_hashes) {
    in_table.push_back(path);
  }
  CHECK(on_disk == in_table);
}

TEST_CASE("golden trace hashes of the fast and negative scenarios on seed 1", "[runner][golden]") {
  for (const auto& [path, golden] : golden_hashes) {
    RunReport report = run_scenario(load(path), 1);
    INFO(path);
    CHECK(format_hash(report.trace_hash) == golden);
  }
}

TEST_CASE("same seed, same trace; different seeds, different traces", "[runner][determinism]") {
  Scenario scenario = load("scenarios/fast/raft-leader-partition.yaml");
  RunReport first = run_scenario(scenario, 42);
  RunReport second = run_scenario(scenario, 42);
  CHECK(first.trace_hash == second.trace_hash);
  CHECK(first.events == second.events);
  CHECK(first.history.size() == second.history.size());
  RunReport other = run_scenario(scenario, 43);
  CHECK(other.trace_hash != first.trace_hash);
  // A 40-hex-digit commit hash is a valid seed too, and is just another seed.
  RunReport hashed = run_scenario(scenario, 0x0123456789abcdefull);
  CHECK(hashed.trace_hash != first.trace_hash);
}

TEST_CASE("the Figure 8 bug is caught by leader completeness on seed 1", "[runner][negative]") {
  Scenario scenario = load("scenarios/negative/raft-figure8-bug.yaml");
  RunReport report = run_scenario(scenario, scenario.seed);
  REQUIRE(report.verdict.kind == Verdict::Kind::safety_violation);
  CHECK(report.verdict.check == scenario.expect_violation);
  CHECK(report.verdict.check == "raft.leader_completeness");
  CHECK(report.verdict.node == NodeId::server(2));
  CHECK(report.verdict.message.find("index=5 term=1") != std::string::npos);
  CHECK_FALSE(report.verdict.last_trace_lines.empty());
  // Without the bug the same timeline is safe.
  scenario.cluster.raft.bug.clear();
  CHECK(run_scenario(scenario, scenario.seed).verdict.passed());
}

TEST_CASE("the B08 bug (count_duplicate_acks) is caught by raft.commit_quorum",
          "[runner][negative]") {
  // Case B08's visible variant: the leader's side of a 2|3 split commits on one follower's
  // repeated acks. Seed 1 elects n5 first; the partition leaves it with n4 only.
  Scenario scenario = parse(R"(
name: duplicate-acks
cluster: { nodes: 5, protocol: raft }
network: { latency: 2ms }
workload: { clients: 1, ops: { put: 1, get: 0 }, rate: 50/s, keys: 2 }
phases:
  - name: split
    duration: 3s
    faults:
      - { at: 1s, partition: [[n5, n4], [n1, n2, n3]] }
)");
  std::vector<std::string> defaults = known_safety_checks();
  defaults.push_back("linearizable");  // the default for a service with clients
  CHECK(scenario.checks == defaults);
  RunReport correct = run_scenario(scenario, 1);
  CHECK(correct.verdict.passed());
  scenario.cluster.raft.bug = "count_duplicate_acks";
  RunReport report = run_scenario(scenario, 1);
  INFO(report.verdict.message);
  REQUIRE(report.verdict.kind == Verdict::Kind::safety_violation);
  CHECK(report.verdict.check == "raft.commit_quorum");
}

TEST_CASE("a cluster that cannot elect fails its liveness phase at the deadline", "[runner]") {
  Scenario scenario = parse(R"(
name: no-majority
cluster: { nodes: 3, protocol: raft }
network: { latency: 2ms }
phases:
  - name: heal
    duration: 3s
    faults:
      - { at: 0s, partition: [[n1], [n2], [n3]] }
    expect: { leader_within: 1s }
)");
  RunReport report = run_scenario(scenario, 1);
  REQUIRE(report.verdict.kind == Verdict::Kind::liveness_violation);
  CHECK(report.verdict.check == "liveness.leader");
  CHECK(report.verdict.at == Time{Duration::seconds(1).ns});
}

TEST_CASE("an event budget turns a long run into 'budget exhausted'", "[runner]") {
  Scenario scenario = load("scenarios/fast/raft-steady-state.yaml");
  scenario.limits.max_events = 1000;
  RunReport report = run_scenario(scenario, 1);
  CHECK(report.verdict.kind == Verdict::Kind::budget_exhausted);
  CHECK(report.events == 1000);
}

TEST_CASE("a crashed node receives nothing and recovers its log on restart", "[runner]") {
  Scenario scenario = parse(R"(
name: crash-restart
cluster: { nodes: 3, protocol: raft }
network: { latency: 1ms }
workload: { clients: 1, ops: { put: 1, get: 0 }, rate: 50/s, keys: 2 }
phases:
  - name: faults
    duration: 3s
    faults:
      - { at: 1s, crash: n1 }
      - { at: 2s, restart: n1 }
)");
  RunOptions options;
  char* buffer = nullptr;
  size_t size = 0;
  std::FILE* trace = open_memstream(&buffer, &size);
  options.trace_stream = trace;
  RunReport report = run_scenario(scenario, 3);
  RunReport traced = run_scenario(scenario, 3, options);
  std::fclose(trace);
  std::string text(buffer, size);
  std::free(buffer);
  CHECK(report.verdict.passed());
  CHECK(traced.trace_hash == report.trace_hash);  // writing the trace changes nothing
  CHECK(text.find("n1 node.crash") != std::string::npos);
  CHECK(text.find("n1 net.drop") != std::string::npos);
  CHECK(text.find("reason=crashed") != std::string::npos);
  CHECK(text.find("n1 raft.recover") != std::string::npos);
  CHECK(text.find(" c1 client.invoke id=1 ") != std::string::npos);  // client events name it
  CHECK(text.find(" c1 client.ok id=1 ") != std::string::npos);
  // The trace file holds exactly the hashed lines: recompute FNV-1a 64 over it.
  uint64_t hash = 0xcbf29ce484222325ull;
  for (char c : text) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  }
  CHECK(hash == traced.trace_hash);
}

TEST_CASE("a fault that did nothing is listed as skipped, not counted as applied", "[runner]") {
  Scenario scenario = parse(R"(
name: skips
cluster: { nodes: 3, protocol: raft }
network: { latency: 1ms }
phases:
  - name: faults
    duration: 2s
    faults:
      - { at: 0s, crash: leader }
      - { at: 500ms, restart: n1 }
      - { at: 600ms, crash: n2 }
      - { at: 700ms, crash: n2 }
      - { at: 800ms, restart: all }
)");
  RunReport report = run_scenario(scenario, 1);
  REQUIRE(report.phases.size() == 1);
  const PhaseReport& phase = report.phases[0];
  CHECK(phase.faults_applied == 2);  // the first crash of n2 and the restart of all
  REQUIRE(phase.skipped_faults.size() == 3);
  CHECK(phase.skipped_faults[0] == "line 9: crash at 0.000000000s: no_leader");
  CHECK(phase.skipped_faults[1] == "line 10: restart n1 at 0.500000000s: already_up");
  CHECK(phase.skipped_faults[2] == "line 12: crash n2 at 0.700000000s: already_down");
}

TEST_CASE("a node that crashes before its first sync restarts as a new member, not as wiped",
          "[runner]") {
  // Regression: the bootstrap marker was not durable yet, and the restart was refused as a wipe
  // although the node had promised nothing. A real wipe later is still refused.
  Scenario scenario = parse(R"(
name: early-crash
cluster: { nodes: 3 }
disk: { sync_latency: 5ms }
phases:
  - name: faults
    duration: 2s
    faults:
      - { at: 0s, crash: [n1, n2] }
      - { at: 1s, restart: all }
  - name: heal
    duration: 2s
    expect: { leader_within: 1s }
)");
  RunReport report = run_scenario(scenario, 1);
  INFO(report.verdict.check << " " << report.verdict.message);
  CHECK(report.verdict.passed());
  CHECK(effect_total(report, "halts") == 0);
  scenario.phases[0].faults.push_back(scenario.phases[0].faults[0]);
  scenario.phases[0].faults.back().kind = FaultSpec::Kind::wipe;
  scenario.phases[0].faults.back().at = Duration::milliseconds(1500);
  scenario.phases[0].faults.back().targets = {NodeTarget{NodeTarget::Kind::node, 1}};
  RunReport wiped = run_scenario(scenario, 1);
  CHECK(wiped.verdict.passed());
  CHECK(effect_total(wiped, "halts") >=
        2);  // refused after the wipe, and again at the heal phase's restart
}
