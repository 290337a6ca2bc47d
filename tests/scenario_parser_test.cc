// File: scenario_parser_test.cc
// Tests of sim/scenario: a full scenario parses to exact values; every kind of bad input gives one
// error with the exact file, line and dotted key; no input (truncated, mutated) crashes the
// parser or lets an exception escape.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "sim/base/rng.h"
#include "sim/scenario/scenario_parser.h"

namespace faultline {
namespace {

std::string fixture(const std::string& name) {
  return std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/scenario/" + name;
}

Error load_error(const std::string& name) {
  Result<Scenario> result = load_scenario(fixture(name));
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().file == fixture(name));
  return result.error();
}

Error parse_error(const std::string& text) {
  Result<Scenario> result = parse_scenario(text, "inline.yaml");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().file == "inline.yaml");
  return result.error();
}

// A minimal valid scenario; tests append or replace sections.
const std::string minimal_header = "name: t\ncluster: { nodes: 3 }\n";

Scenario parse_ok(const std::string& text) {
  Result<Scenario> result = parse_scenario(text, "inline.yaml");
  if (!result.ok()) {
    FAIL(result.error().to_string());
  }
  return std::move(result).value();
}

bool same_target(const NodeTarget& target, NodeTarget::Kind kind, uint32_t node = 0) {
  return target.kind == kind && target.node == node;
}

}  // namespace

TEST_CASE("a full scenario parses to exact values", "[scenario]") {
  Result<Scenario> result = load_scenario(fixture("valid_full.yaml"));
  if (!result.ok()) {
    FAIL(result.error().to_string());
  }
  const Scenario& scenario = *result;
  CHECK(scenario.name == "raft-leader-isolated");
  CHECK(scenario.file == fixture("valid_full.yaml"));
  CHECK(scenario.seed == 42);
  CHECK(scenario.cluster.nodes == 5);
  CHECK(scenario.cluster.protocol == "raft");
  CHECK(scenario.cluster.raft.election_timeout_min == Duration::milliseconds(150));
  CHECK(scenario.cluster.raft.election_timeout_max == Duration::milliseconds(300));
  CHECK(scenario.cluster.raft.heartbeat_interval == Duration::milliseconds(50));
  CHECK(scenario.cluster.raft.max_entries_per_append == 32);
  CHECK(scenario.cluster.raft.bug == "commit_old_term_by_count");
  CHECK(scenario.network.latency.kind == LatencySpec::Kind::lognormal);
  CHECK(scenario.network.latency.median == Duration::milliseconds(2));
  CHECK(scenario.network.latency.p99 == Duration::milliseconds(20));
  CHECK(scenario.network.loss.numerator == 1);
  CHECK(scenario.network.loss.denominator == 1000);
  CHECK(scenario.disk.sync_latency == Duration::microseconds(1500));
  CHECK_FALSE(scenario.disk.lose_unsynced_on_crash);
  CHECK(scenario.workload.clients == 3);
  CHECK(scenario.workload.put_fraction.numerator == 1);
  CHECK(scenario.workload.put_fraction.denominator == 4);
  CHECK(scenario.workload.rate_per_second == 200);
  CHECK(scenario.workload.key_count == 16);
  CHECK(scenario.workload.request_timeout == Duration::milliseconds(500));
  CHECK(scenario.workload.operation_timeout == Duration::seconds(5));
  CHECK(scenario.checks ==
        std::vector<std::string>{"raft.election_safety", "raft.state_machine_safety"});
  CHECK(scenario.limits.max_events == 1'000'000);
  CHECK(scenario.expect_violation == "raft.state_machine_safety");

  REQUIRE(scenario.phases.size() == 2);
  const PhaseSpec& faults = scenario.phases[0];
  CHECK(faults.name == "faults");
  CHECK(faults.duration == Duration::seconds(20));
  CHECK_FALSE(faults.is_liveness_phase());
  const PhaseSpec& heal = scenario.phases[1];
  CHECK(heal.name == "heal");
  CHECK(heal.duration == Duration::seconds(10));
  CHECK(heal.leader_within == Duration::seconds(3));
  CHECK(heal.commits_resume_within == Duration::seconds(5));
  CHECK(heal.faults.empty());
}

TEST_CASE("faults are resolved and stably sorted by at", "[scenario]") {
  Scenario scenario = *load_scenario(fixture("valid_full.yaml"));
  const std::vector<FaultSpec>& faults = scenario.phases.at(0).faults;
  REQUIRE(faults.size() == 7);
  using Kind = NodeTarget::Kind;

  CHECK(faults[0].kind == FaultSpec::Kind::restart);  // { at: 0s, restart: all }
  CHECK(faults[0].at == Duration{0});
  CHECK(faults[0].line == 33);
  REQUIRE(faults[0].targets.size() == 1);
  CHECK(same_target(faults[0].targets[0], Kind::all));

  CHECK(faults[1].kind == FaultSpec::Kind::partition);  // { at: 2s, partition: [[leader], rest] }
  CHECK(faults[1].at == Duration::seconds(2));
  CHECK(faults[1].line == 28);
  REQUIRE(faults[1].groups.size() == 2);
  REQUIRE(faults[1].groups[0].size() == 1);
  CHECK(same_target(faults[1].groups[0][0], Kind::leader));
  REQUIRE(faults[1].groups[1].size() == 1);
  CHECK(same_target(faults[1].groups[1][0], Kind::rest));
  CHECK(faults[1].targets.empty());

  // Two faults at 8s keep their file order: heal (line 29) before crash (line 31).
  CHECK(faults[2].kind == FaultSpec::Kind::heal);
  CHECK(faults[2].at == Duration::seconds(8));
  CHECK(faults[2].line == 29);
  CHECK(faults[2].targets.empty());
  CHECK(faults[2].groups.empty());
  CHECK(faults[3].kind == FaultSpec::Kind::crash);
  CHECK(faults[3].line == 31);
  REQUIRE(faults[3].targets.size() == 2);
  CHECK(same_target(faults[3].targets[0], Kind::node, 1));
  CHECK(same_target(faults[3].targets[1], Kind::node, 2));

  CHECK(faults[4].kind == FaultSpec::Kind::crash);  // { at: 10s, crash: leader }
  CHECK(faults[4].at == Duration::seconds(10));
  CHECK(faults[4].line == 27);
  REQUIRE(faults[4].targets.size() == 1);
  CHECK(same_target(faults[4].targets[0], Kind::leader));

  CHECK(faults[5].kind == FaultSpec::Kind::restart);  // { at: 12s, restart: n3 }
  CHECK(faults[5].line == 30);
  REQUIRE(faults[5].targets.size() == 1);
  CHECK(same_target(faults[5].targets[0], Kind::node, 3));

  CHECK(faults[6].kind == FaultSpec::Kind::partition);  // [[n1, n2], [n3], rest] at 19s
  CHECK(faults[6].at == Duration::seconds(19));
  REQUIRE(faults[6].groups.size() == 3);
  REQUIRE(faults[6].groups[0].size() == 2);
  CHECK(same_target(faults[6].groups[0][0], Kind::node, 1));
  CHECK(same_target(faults[6].groups[0][1], Kind::node, 2));
  REQUIRE(faults[6].groups[1].size() == 1);
  CHECK(same_target(faults[6].groups[1][0], Kind::node, 3));
  CHECK(same_target(faults[6].groups[2][0], Kind::rest));
}

TEST_CASE("absent optional sections take their defaults", "[scenario]") {
  Scenario scenario = parse_ok(minimal_header + "phases:\n  - { name: p, duration: 10s }\n");
  CHECK(scenario.name == "t");
  CHECK(scenario.file == "inline.yaml");
  CHECK(scenario.seed == 1);
  CHECK(scenario.cluster.nodes == 3);
  CHECK(scenario.cluster.protocol == "raft");
  CHECK(scenario.cluster.raft.election_timeout_min == Duration::milliseconds(150));
  CHECK(scenario.cluster.raft.election_timeout_max == Duration::milliseconds(300));
  CHECK(scenario.cluster.raft.heartbeat_interval == Duration::milliseconds(50));
  CHECK(scenario.cluster.raft.max_entries_per_append == 64);
  CHECK(scenario.cluster.raft.bug.empty());
  CHECK(scenario.network.latency.kind == LatencySpec::Kind::constant);
  CHECK(scenario.network.latency.value == Duration::milliseconds(1));
  CHECK(scenario.network.loss.is_zero());
  CHECK(scenario.disk.sync_latency == Duration::milliseconds(1));
  CHECK(scenario.disk.lose_unsynced_on_crash);
  CHECK(scenario.workload.clients == 0);
  CHECK(scenario.checks == std::vector<std::string>{"raft.election_safety", "raft.log_matching",
                                                    "raft.leader_completeness",
                                                    "raft.state_machine_safety",
                                                    "raft.commit_quorum"});
  CHECK(scenario.limits.max_events == 200'000'000);
  CHECK(scenario.expect_violation.empty());
  REQUIRE(scenario.phases.size() == 1);
  CHECK_FALSE(scenario.phases[0].leader_within.has_value());
}

TEST_CASE("latency forms and key shorthands", "[scenario]") {
  const std::string phases = "phases:\n  - { name: p, duration: 10s }\n";
  Scenario constant = parse_ok(minimal_header + "network: { latency: 2ms, loss: 5% }\n" + phases);
  CHECK(constant.network.latency.kind == LatencySpec::Kind::constant);
  CHECK(constant.network.latency.value == Duration::milliseconds(2));
  CHECK(constant.network.loss.numerator == 1);
  CHECK(constant.network.loss.denominator == 20);

  Scenario uniform = parse_ok(
      minimal_header + "network: { latency: { dist: uniform, min: 1ms, max: 5ms } }\n" + phases);
  CHECK(uniform.network.latency.kind == LatencySpec::Kind::uniform);
  CHECK(uniform.network.latency.min == Duration::milliseconds(1));
  CHECK(uniform.network.latency.max == Duration::milliseconds(5));

  Scenario exponential = parse_ok(
      minimal_header + "network: { latency: { dist: exponential, mean: 2ms } }\n" + phases);
  CHECK(exponential.network.latency.kind == LatencySpec::Kind::exponential);
  CHECK(exponential.network.latency.mean == Duration::milliseconds(2));

  Scenario explicit_constant =
      parse_ok(minimal_header + "network: { latency: { dist: constant, value: 3us } }\n" + phases);
  CHECK(explicit_constant.network.latency.value == Duration::microseconds(3));

  Scenario keys =
      parse_ok(minimal_header + "workload: { clients: 1, keys: 7, ops: { put: 1 } }\n" + phases);
  CHECK(keys.workload.key_count == 7);
  CHECK(keys.workload.put_fraction.numerator == 1);
  CHECK(keys.workload.put_fraction.denominator == 1);

  Scenario hash_seed =
      parse_ok(minimal_header + "seed: 0123456789abcdef0123456789abcdef01234567\n" + phases);
  CHECK(hash_seed.seed == 0x0123456789abcdefull);
}

TEST_CASE("fixture: syntax error", "[scenario][errors]") {
  Error error = load_error("syntax_error.yaml");
  CHECK(error.line == 8);
  CHECK(error.key.empty());
  CHECK_THAT(error.message, Catch::Contains("YAML syntax error"));
  CHECK_THAT(error.message, Catch::Contains("end of sequence flow not found"));
}

TEST_CASE("fixture: unknown keys at the top, nested and in a fault", "[scenario][errors]") {
  Error top = load_error("unknown_key_top.yaml");
  CHECK(top.line == 6);
  CHECK(top.key == "chekcs");
  CHECK_THAT(top.message, Catch::Contains("unknown key 'chekcs' (did you mean 'checks'?)"));

  Error nested = load_error("unknown_key_nested.yaml");
  CHECK(nested.line == 5);
  CHECK(nested.key == "network.latncy");
  CHECK_THAT(nested.message, Catch::Contains("expected one of: latency, loss, duplicate"));
  CHECK(nested.to_string() ==
        fixture("unknown_key_nested.yaml") +
            ":5: key 'network.latncy': unknown key 'latncy' (did you mean 'latency'?); expected "
            "one of: latency, loss, duplicate, reorder, reorder_window, bandwidth, "
            "queue_capacity, topology, links");

  Error fault = load_error("unknown_key_fault.yaml");
  CHECK(fault.line == 11);
  CHECK(fault.key == "phases[0].faults[1].nodes");
  CHECK_THAT(fault.message, Catch::Contains("unknown key 'nodes'"));
}

TEST_CASE("fixture: wrong type and out of range", "[scenario][errors]") {
  Error wrong_type = load_error("wrong_type.yaml");
  CHECK(wrong_type.line == 4);
  CHECK(wrong_type.key == "cluster.nodes");
  CHECK(wrong_type.message == "expected an integer from 1 to 64, got a list");

  Error out_of_range = load_error("out_of_range.yaml");
  CHECK(out_of_range.line == 4);
  CHECK(out_of_range.key == "cluster.nodes");
  CHECK(out_of_range.message == "expected an integer from 1 to 64, got '65'");
}

TEST_CASE("fixture: negative duration", "[scenario][errors]") {
  Error error = load_error("negative_duration.yaml");
  CHECK(error.line == 8);
  CHECK(error.key == "phases[1].duration");
  CHECK_THAT(error.message, Catch::Contains("negative durations are not allowed"));
}

TEST_CASE("fixture: undefined node", "[scenario][errors]") {
  Error error = load_error("undefined_node.yaml");
  CHECK(error.line == 8);
  CHECK(error.key == "phases[0].faults[0].crash");
  CHECK(error.message == "undefined node 'n7' (cluster has 5 nodes: n1..n5)");
}

TEST_CASE("fixture: two actions in one fault", "[scenario][errors]") {
  Error error = load_error("two_actions.yaml");
  CHECK(error.line == 10);
  CHECK(error.key == "phases[0].faults[0].restart");
  CHECK(error.message == "a fault has exactly one action, found 'crash' and 'restart'");
}

TEST_CASE("fixture: missing required key", "[scenario][errors]") {
  Error error = load_error("missing_key.yaml");
  CHECK(error.line == 4);  // the line of the cluster map (its first key)
  CHECK(error.key == "cluster.nodes");
  CHECK(error.message == "missing required key 'nodes'");
}

TEST_CASE("fixture: duplicate phase name", "[scenario][errors]") {
  Error error = load_error("duplicate_phase.yaml");
  CHECK(error.line == 9);
  CHECK(error.key == "phases[2].name");
  CHECK(error.message == "duplicate phase name 'faults' (first at line 5)");
}

TEST_CASE("fixture: op probabilities not summing to 1", "[scenario][errors]") {
  Error error = load_error("ops_not_one.yaml");
  CHECK(error.line == 6);
  CHECK(error.key == "workload.ops");
  CHECK(error.message == "put and get must sum to exactly 1, got put 1/3 + get 3/5");
}

TEST_CASE("fixture: fault at or after the phase end", "[scenario][errors]") {
  Error error = load_error("at_beyond_duration.yaml");
  CHECK(error.line == 9);
  CHECK(error.key == "phases[0].faults[1].at");
  CHECK(error.message == "must be less than the phase duration (10s), got '10s'");
}

TEST_CASE("fixture: empty file and missing file", "[scenario][errors]") {
  Error empty = load_error("empty.yaml");
  CHECK(empty.line == 0);
  CHECK(empty.key.empty());
  CHECK_THAT(empty.message, Catch::Contains("empty scenario"));

  Error missing = load_error("no_such_file.yaml");
  CHECK(missing.line == 0);
  CHECK(missing.key.empty());
  CHECK_THAT(missing.message, Catch::Contains("no such file"));

  Error directory = load_scenario(FAULTLINE_SOURCE_DIR).error();
  CHECK(directory.line == 0);
  CHECK_THAT(directory.message, Catch::Contains("not a regular file"));

  Error comments_only = parse_error("# nothing here\n\n");
  CHECK(comments_only.line == 0);
  CHECK_THAT(comments_only.message, Catch::Contains("empty scenario"));
}

namespace {

// One bad inline scenario and the error it must give.
struct BadCase {
  std::string text;
  int line;
  std::string key;
  std::string message_part;
};

const std::string one_phase = "phases:\n  - { name: p, duration: 10s }\n";  // lines 3-4

std::string with_faults(const std::string& faults) {
  // Line 7 is the first fault.
  return minimal_header + "phases:\n  - name: p\n    duration: 10s\n    faults:\n" + faults;
}

void check_bad_cases(const std::vector<BadCase>& cases) {
  for (const BadCase& bad : cases) {
    INFO("scenario:\n" << bad.text);
    Error error = parse_error(bad.text);
    INFO("error: " << error.to_string());
    CHECK(error.line == bad.line);
    CHECK(error.key == bad.key);
    CHECK_THAT(error.message, Catch::Contains(bad.message_part));
  }
}

}  // namespace

TEST_CASE("document-level errors", "[scenario][errors]") {
  check_bad_cases({
      {"- a\n- b\n", 1, "",
       "expected a map with keys name, cluster and phases at the top, got a list"},
      {"just text\n", 1, "", "got 'just text'"},
      {minimal_header + one_phase + "name: u\n", 5, "name",
       "duplicate key 'name' (first at line 1)"},
      {minimal_header + one_phase + "---\nname: x\n", 5, "",
       "expected one YAML document, found more"},
      {",\n", 1, "", "YAML syntax error: unexpected token"},
      {"# comment\n\n, x\n", 3, "", "YAML syntax error: unexpected token"},
      {"cluster: { nodes: 3 }\n" + one_phase, 1, "name", "missing required key 'name'"},
      {minimal_header, 1, "phases", "missing required key 'phases'"},
      {"? [a, b]\n: 1\n", 1, "", "expected a plain key, got a list"},
      {"name: t\ncluster: { nodes: 3\n", 3, "", "YAML syntax error"},
      {"name: [t]\ncluster: { nodes: 3 }\n" + one_phase, 1, "name",
       "expected a string, got a list"},
      {"name: t\nseed: -1\ncluster: { nodes: 3 }\n" + one_phase, 2, "seed", "expected a seed"},
      {"name: t\ncluster: &c { nodes: *c }\n" + one_phase, 2, "cluster.nodes", "got a map"},
  });
}

TEST_CASE("cluster errors", "[scenario][errors]") {
  auto cluster = [](const std::string& body) { return "name: t\ncluster:\n" + body + one_phase; };
  check_bad_cases({
      {cluster("  nodes:\n"), 3, "cluster.nodes", "expected an integer from 1 to 64, got nothing"},
      {cluster("  nodes: 0\n"), 3, "cluster.nodes", "expected an integer from 1 to 64, got '0'"},
      {cluster("  nodes: 3\n  protocol: zab\n"), 4, "cluster.protocol",
       "expected a known protocol: raft, paxos, multi_paxos, heartbeat, replication, got 'zab'"},
      {cluster("  nodes: 3\n  protocol: paxos\n") + "checks: [raft.log_matching]\n", 7, "checks[0]",
       "expected a check name of protocol paxos: paxos.agreement, paxos.validity"},
      {cluster("  nodes: 3\n  params: { election_timeout: [300ms, 150ms] }\n"), 4,
       "cluster.params.election_timeout[1]", "max must be at least min (300ms), got '150ms'"},
      {cluster("  nodes: 3\n  params: { election_timeout: [150ms] }\n"), 4,
       "cluster.params.election_timeout", "expected [min, max]"},
      {cluster("  nodes: 3\n  params: { election_timeout: [0s, 1s] }\n"), 4,
       "cluster.params.election_timeout[0]", "must be greater than 0"},
      {cluster("  nodes: 3\n  params:\n    heartbeat_interval: 150ms\n"), 5,
       "cluster.params.heartbeat_interval",
       "heartbeat_interval (150ms) must be less than the election_timeout min (150ms)"},
      {cluster("  nodes: 3\n  params:\n    election_timeout: [10ms, 20ms]\n"), 5,
       "cluster.params.election_timeout", "heartbeat_interval (50ms) must be less than"},
      {cluster("  nodes: 3\n  params: { max_entries_per_append: 10001 }\n"), 4,
       "cluster.params.max_entries_per_append", "expected an integer from 1 to 10000"},
      {cluster("  nodes: 3\n  params: { max_append_bytes: 0 }\n"), 4,
       "cluster.params.max_append_bytes", "expected an integer from 1 to 1073741824"},
      {cluster("  nodes: 3\n") + "checks: [raft.log_matching, linearizable]\n", 6, "checks[1]",
       "check 'linearizable' judges the client history, but the scenario has no clients "
       "(workload.clients)"},
      {cluster("  nodes: 3\n  params: { bug: vote_twice }\n"), 4, "cluster.params.bug",
       "expected a known bug: commit_old_term_by_count, clear_vote_on_append, "
       "count_duplicate_acks, ack_before_sync, got 'vote_twice'"},
      {cluster("  nodes: 3\n  params: { electon_timeout: [1s, 2s] }\n"), 4,
       "cluster.params.electon_timeout", "did you mean 'election_timeout'?"},
  });
}

TEST_CASE("network and disk errors", "[scenario][errors]") {
  auto world = [](const std::string& body) { return minimal_header + body + one_phase; };
  check_bad_cases({
      {world("network: { latency: -2ms }\n"), 3, "network.latency", "negative durations"},
      {world("network: { latency: 2 }\n"), 3, "network.latency", "missing unit"},
      {world("network: { latency: 10001h }\n"), 3, "network.latency", "must be at most 10000h"},
      {world("network:\n  latency: { dist: normal, mean: 2ms }\n"), 4, "network.latency.dist",
       "expected a distribution: constant, uniform, exponential or lognormal, got 'normal'"},
      {world("network:\n  latency: { dist: constant, mean: 2ms }\n"), 4, "network.latency.mean",
       "unknown key 'mean'; expected one of: dist, value"},
      {world("network:\n  latency: { mean: 2ms }\n"), 4, "network.latency.dist",
       "missing required key 'dist'"},
      {world("network:\n  latency: { dist: uniform, min: 5ms, max: 1ms }\n"), 4,
       "network.latency.max", "must be at least min (5ms), got '1ms'"},
      {world("network:\n  latency: { dist: lognormal, median: 0ms, p99: 1ms }\n"), 4,
       "network.latency.median", "must be greater than 0"},
      {world("network:\n  latency: { dist: lognormal, median: 2ms, p99: 1ms }\n"), 4,
       "network.latency.p99", "must be at least the median (2ms), got '1ms'"},
      {world("network:\n  latency: { dist: exponential }\n"), 4, "network.latency.mean",
       "missing required key 'mean'"},
      {world("network:\n  loss: 1.5\n"), 4, "network.loss", "must be between 0 and 1"},
      {world("network:\n  loss: [0.1]\n"), 4, "network.loss", "expected a probability"},
      {world("disk: { lose_unsynced_on_crash: yes }\n"), 3, "disk.lose_unsynced_on_crash",
       "expected true or false, got 'yes'"},
      {world("disk: { sync_latency: 1ps }\n"), 3, "disk.sync_latency", "unknown unit 'ps'"},
      {world("disk: 1ms\n"), 3, "disk", "expected a map such as"},
  });
}

TEST_CASE("workload errors", "[scenario][errors]") {
  auto workload = [](const std::string& body) {
    return minimal_header + "workload:\n" + body + one_phase;
  };
  check_bad_cases({
      {workload("  rate: 200/s\n"), 4, "workload.clients", "missing required key 'clients'"},
      {workload("  clients: 1001\n"), 4, "workload.clients", "expected an integer from 0 to 1000"},
      {workload("  clients: 1\n  rate: 200\n"), 5, "workload.rate",
       "expected a rate such as 200/s (from 1/s to 1000000/s), got '200'"},
      {workload("  clients: 1\n  rate: 0/s\n"), 5, "workload.rate", "expected a rate"},
      {workload("  clients: 1\n  rate: 1000001/s\n"), 5, "workload.rate", "expected a rate"},
      {workload("  clients: 1\n  ops: { put: 0.5 }\n"), 5, "workload.ops",
       "put and get must sum to exactly 1, got put 1/2 + get 0"},
      {workload("  clients: 1\n  ops: { put: 0.5, delete: 0.5 }\n"), 5, "workload.ops.delete",
       "unknown key 'delete'"},
      {workload("  clients: 1\n  keys: { count: 16, dist: zipf }\n"), 5, "workload.keys.dist",
       "expected a key distribution: uniform, got 'zipf'"},
      {workload("  clients: 1\n  keys: 0\n"), 5, "workload.keys",
       "expected an integer from 1 to 1000000"},
      {workload("  clients: 1\n  keys: { dist: uniform }\n"), 5, "workload.keys.count",
       "missing required key 'count'"},
      {workload("  clients: 1\n  request_timeout: 0s\n"), 5, "workload.request_timeout",
       "must be greater than 0"},
      {workload("  clients: 1\n  request_timeout: 1s\n  operation_timeout: 500ms\n"), 6,
       "workload.operation_timeout",
       "operation_timeout (500ms) must be at least request_timeout (1s)"},
      {workload("  clients: 1\n  request_timeout: 10s\n"), 5, "workload.request_timeout",
       "operation_timeout (5s) must be at least request_timeout (10s)"},
  });
}

TEST_CASE("fault errors", "[scenario][errors]") {
  const std::string f = "phases[0].faults[0]";
  check_bad_cases({
      {with_faults("      - { at: 1s, partition: [[n1], rest, rest] }\n"), 7, f + ".partition[2]",
       "at most one group may be 'rest'"},
      {with_faults("      - { at: 1s, partition: [[n1], [n2, n1]] }\n"), 7, f + ".partition[1][1]",
       "node 'n1' is named twice"},
      {with_faults("      - { at: 1s, partition: [[leader], [leader]] }\n"), 7,
       f + ".partition[1][0]", "node 'leader' is named twice"},
      {with_faults("      - { at: 1s, partition: [[n1]] }\n"), 7, f + ".partition",
       "expected a list of at least two groups"},
      {with_faults("      - { at: 1s, partition: [n1, rest] }\n"), 7, f + ".partition[0]",
       "expected a group: a list of node names such as [n1, leader], or 'rest', got 'n1'"},
      {with_faults("      - { at: 1s, partition: [[], rest] }\n"), 7, f + ".partition[0]",
       "empty list"},
      {with_faults("      - { at: 1s, partition: [[n1, rest], [n2]] }\n"), 7,
       f + ".partition[0][1]", "expected a node name (n1..n3) or 'leader', got 'rest'"},
      {with_faults("      - { at: 1s, partition: [[n4], rest] }\n"), 7, f + ".partition[0][0]",
       "undefined node 'n4' (cluster has 3 nodes: n1..n3)"},
      {with_faults("      - { at: 1s, heal: n1 }\n"), 7, f + ".heal", "expected 'all'"},
      {with_faults("      - { at: 1s, crash: all }\n"), 7, f + ".crash",
       "expected a node name (n1..n3), 'leader' or a list of node names, got 'all'"},
      {with_faults("      - { at: 1s, crash: [n1, leader] }\n"), 7, f + ".crash[1]",
       "expected a node name (n1..n3), got 'leader'"},
      {with_faults("      - { at: 1s, crash: [n2, n2] }\n"), 7, f + ".crash[1]",
       "node 'n2' is named twice"},
      {with_faults("      - { at: 1s, crash: n0 }\n"), 7, f + ".crash", "undefined node 'n0'"},
      {with_faults("      - { at: 1s, restart: leader }\n"), 7, f + ".restart",
       "expected a node name (n1..n3), 'all' or a list of node names, got 'leader'"},
      {with_faults("      - { at: 1s, restart: [] }\n"), 7, f + ".restart", "empty list"},
      {with_faults("      - { crash: n1 }\n"), 7, f + ".at", "missing required key 'at'"},
      {with_faults("      - { at: 1s }\n"), 7, f,
       "missing action: expected one of partition, heal, crash, restart"},
      {with_faults("      - { at: -1s, crash: n1 }\n"), 7, f + ".at", "negative durations"},
      {with_faults("      - { at: 1s, crash: n1, crash: n2 }\n"), 7, f + ".crash",
       "duplicate key 'crash' (first at line 7)"},
      {with_faults("      - { at: 1s, random: { crash: 0.2/s } }\n"), 7, f + ".random",
       "unknown key 'random'"},
      {with_faults("      - crash n1\n"), 7, f, "expected a fault: a map such as"},
      {with_faults("      -\n      - { at: 1s, crash: n1 }\n"), 7, f, "got nothing (null)"},
      {minimal_header + "phases:\n  - name: p\n    duration: 10s\n    faults: { at: 1s }\n", 6,
       "phases[0].faults", "expected a list of faults, got a map"},
      {"name: t\ncluster: { nodes: 1 }\nphases:\n  - name: p\n    duration: 10s\n    faults:\n"
       "      - { at: 1s, crash: n2 }\n",
       7, f + ".crash", "undefined node 'n2' (cluster has 1 node: n1)"},
  });
}

TEST_CASE("phase, check and limit errors", "[scenario][errors]") {
  auto phases = [](const std::string& body) { return minimal_header + "phases:\n" + body; };
  check_bad_cases({
      {phases("  []\n"), 4, "phases", "empty list: expected at least one phase"},
      {phases("  - { duration: 1s }\n"), 4, "phases[0].name", "missing required key 'name'"},
      {phases("  - { name: p }\n"), 4, "phases[0].duration", "missing required key 'duration'"},
      {phases("  - { name: p, duration: 0s }\n"), 4, "phases[0].duration",
       "must be greater than 0"},
      {phases("  - { name: p, duration: 5s, expect: { leader_within: 6s } }\n"), 4,
       "phases[0].expect.leader_within", "must be at most the phase duration (5s), got '6s'"},
      {phases("  - { name: p, duration: 5s, expect: { commits_resume_within: 0s } }\n"), 4,
       "phases[0].expect.commits_resume_within", "must be greater than 0"},
      {phases("  - { name: p, duration: 5s, expect: { leader_by: 1s } }\n"), 4,
       "phases[0].expect.leader_by", "unknown key 'leader_by'"},
      {phases("  - { name: a, duration: 6000h }\n  - { name: b, duration: 6000h }\n"), 5,
       "phases[1].duration", "the phases last more than 10000h in total"},
      {phases("  - { name: p, duration: 1s, fault: [] }\n"), 4, "phases[0].fault",
       "did you mean 'faults'?"},
      {minimal_header + one_phase + "checks: [raft.log_matching, raft.linearizable]\n", 5,
       "checks[1]",
       "expected a check name of protocol raft: raft.election_safety, raft.log_matching"},
      {minimal_header + one_phase + "checks: [raft.log_matching, raft.log_matching]\n", 5,
       "checks[1]", "check 'raft.log_matching' is listed twice"},
      {minimal_header + one_phase + "checks: raft.log_matching\n", 5, "checks",
       "expected a list of check names"},
      {minimal_header + one_phase + "limits: { max_events: 0 }\n", 5, "limits.max_events",
       "expected an integer from 1 to 1000000000000, got '0'"},
      {minimal_header + one_phase + "checks: [raft.log_matching]\n" +
           "expect_violation: raft.election_safety\n",
       6, "expect_violation", "check 'raft.election_safety' is not among the scenario's checks"},
      {minimal_header + one_phase + "expect_violation: raft.everything\n", 5, "expect_violation",
       "expected a check name"},
  });
}

TEST_CASE("fixture: empty expect map", "[scenario][errors]") {
  Error error = load_error("empty_expect.yaml");
  CHECK(error.line == 9);
  CHECK(error.key == "phases[1].expect");
  CHECK(error.message ==
        "empty expect map: expected at least one of leader_within, commits_resume_within, "
        "max_leader_changes, converge_within");
}

TEST_CASE("expect needs a deadline", "[scenario][errors]") {
  auto phases = [](const std::string& body) { return minimal_header + "phases:\n" + body; };
  check_bad_cases({
      {phases("  - { name: p, duration: 5s, expect: {} }\n"), 4, "phases[0].expect",
       "empty expect map: expected at least one of leader_within, commits_resume_within"},
      {phases("  - name: p\n    duration: 5s\n    expect:\n"), 6, "phases[0].expect",
       "expected a map such as { leader_within: 3s, commits_resume_within: 5s }, got nothing"},
  });
  Scenario one_deadline =
      parse_ok(phases("  - { name: p, duration: 5s, expect: { commits_resume_within: 5s } }\n"));
  CHECK(one_deadline.phases.at(0).is_liveness_phase());
}

TEST_CASE("a map reports its first bad key in file order", "[scenario][errors]") {
  // The unknown key on line 1 comes before the duplicate on line 5: the error is about line 1,
  // found without reading the rest of the map.
  check_bad_cases({
      {"bogus: 1\n" + minimal_header + one_phase + "name: u\n", 1, "bogus", "unknown key 'bogus'"},
      {minimal_header + "network: { loss: 0, latency: 1ms, lossy: 1, loss: 0 }\n" + one_phase, 3,
       "network.lossy", "unknown key 'lossy' (did you mean 'loss'?)"},
      {minimal_header + "network: { loss: 0, loss: 0, lossy: 1 }\n" + one_phase, 3, "network.loss",
       "duplicate key 'loss' (first at line 3)"},
      // A latency map's keys depend on its `dist`: duplicates first, then the keys of that dist.
      {minimal_header + "network:\n  latency: { dist: uniform, min: 1ms, max: 2ms, min: 1ms }\n" +
           one_phase,
       4, "network.latency.min", "duplicate key 'min' (first at line 4)"},
  });
}

namespace {

// `count` top-level keys k0..k{count-1}, one per line.
std::string many_keys(size_t count) {
  std::string text;
  for (size_t index = 0; index < count; ++index) {
    text += "k" + std::to_string(index) + ": 1\n";
  }
  return text;
}

// A scenario with `count` phases p0..p{count-1} of 1ms each (phase i on line 4 + i).
std::string many_phases(size_t count) {
  std::string text = minimal_header + "phases:\n";
  for (size_t index = 0; index < count; ++index) {
    text += "  - { name: p" + std::to_string(index) + ", duration: 1ms }\n";
  }
  return text;
}

}  // namespace

// Scale: each key and phase-name lookup was a linear search, so these files took quadratic time
// (300k keys: 387 s). They assert the outcome only; sizes stay small enough for the sanitizer
// build.
TEST_CASE("scale: 100k top-level keys give the first unknown key", "[scenario][scale]") {
  Error error = parse_error(many_keys(100'000));
  CHECK(error.line == 1);
  CHECK(error.key == "k0");
  CHECK_THAT(error.message, Catch::StartsWith("unknown key 'k0'; expected one of: name, seed"));
}

TEST_CASE("scale: 50k keys in one map with a duplicate at the end", "[scenario][scale]") {
  // A latency map accepts any key until its `dist` is known, so every key is indexed.
  std::string text = minimal_header + "network:\n  latency:\n    dist: constant\n";
  for (size_t index = 0; index < 50'000; ++index) {
    text += "    k" + std::to_string(index) + ": 1\n";
  }
  text += "    k7: 2\n" + one_phase;
  Error error = parse_error(text);
  CHECK(error.line == 50'006);
  CHECK(error.key == "network.latency.k7");
  CHECK(error.message == "duplicate key 'k7' (first at line 13)");
}

TEST_CASE("scale: 50k phases parse; a duplicate name at the end is found", "[scenario][scale]") {
  constexpr size_t count = 50'000;
  Scenario scenario = parse_ok(many_phases(count));
  REQUIRE(scenario.phases.size() == count);
  CHECK(scenario.phases.back().name == "p49999");
  CHECK(scenario.phases.back().duration == Duration::milliseconds(1));

  Error duplicate = parse_error(many_phases(count) + "  - { name: p12345, duration: 1ms }\n");
  CHECK(duplicate.line == 4 + static_cast<int>(count));
  CHECK(duplicate.key == "phases[50000].name");
  CHECK(duplicate.message == "duplicate phase name 'p12345' (first at line 12349)");
}

TEST_CASE("nesting too deep is reported as such, with its line", "[scenario][errors]") {
  // yaml-cpp's own guard (about 500 levels) only says "bad file".
  for (size_t depth : {65, 600, 5000}) {
    INFO("depth " << depth);
    Error flow = parse_error(std::string(depth, '[') + std::string(depth, ']'));
    CHECK(flow.line == 1);
    CHECK(flow.key.empty());
    CHECK(flow.message ==
          "the document is nested too deeply: more than 64 levels of lists and maps (a scenario "
          "needs fewer than 10)");
  }
  // 64 levels are read (and rejected by the schema instead).
  Error at_limit = parse_error(std::string(64, '[') + std::string(64, ']'));
  CHECK_THAT(at_limit.message, Catch::Contains("expected a map with keys name, cluster"));

  // Block style: level 1 is the top map on line 1, level n the map that starts on line n + 1.
  std::string block = "name: t\n";
  std::string indent;
  for (int level = 1; level < 600; ++level) {
    block += indent + "k:\n";
    indent += " ";
  }
  block += indent + "x: 1\n";
  Error deep_block = parse_error(block);
  CHECK(deep_block.line == 66);
  CHECK_THAT(deep_block.message, Catch::StartsWith("the document is nested too deeply"));
}

TEST_CASE("partition: a rest group that is always empty is rejected", "[scenario][errors]") {
  const std::string f = "phases[0].faults[0].partition";
  const std::string every_node =
      "group 'rest' is always empty: the other groups already name every node (n1..n3)";
  check_bad_cases({
      {with_faults("      - { at: 1s, partition: [[n1, n2, n3], rest] }\n"), 7, f + "[1]",
       every_node},
      {with_faults("      - { at: 1s, partition: [rest, [n1], [n3, n2]] }\n"), 7, f + "[0]",
       every_node},
      // `leader` is one of the nodes, so it cannot leave anything to rest either.
      {with_faults("      - { at: 1s, partition: [[leader, n1], [n2, n3], rest] }\n"), 7, f + "[2]",
       every_node},
      // [leader] alone takes the one unnamed node (or the fault is skipped when it fires).
      {with_faults("      - { at: 1s, partition: [[leader], [n1, n2], rest] }\n"), 7, f + "[2]",
       "the other groups name every node (n1..n3) but one, and the group [leader] takes that one"},
      {"name: t\ncluster: { nodes: 1 }\nphases:\n  - name: p\n    duration: 10s\n    faults:\n"
       "      - { at: 1s, partition: [[leader], rest] }\n",
       7, f + "[1]", "group 'rest' is always empty"},
      {"name: t\ncluster: { nodes: 1 }\nphases:\n  - name: p\n    duration: 10s\n    faults:\n"
       "      - { at: 1s, partition: [[n1], rest] }\n",
       7, f + "[1]", "the other groups already name every node (n1)"},
  });
  // Accepted: rest can hold a node for some leader (or holds one for certain).
  for (const char* groups :
       {"[[leader], rest]", "[[n1, n2], rest]", "[[leader, n1], [n2], rest]",
        "[[leader], [n1], rest]", "[[n1, n2], [n3]]", "[[leader], [n1, n2, n3]]"}) {
    INFO(groups);
    Scenario scenario =
        parse_ok(with_faults(std::string("      - { at: 1s, partition: ") + groups + " }\n"));
    CHECK(scenario.phases.at(0).faults.size() == 1);
  }
}

TEST_CASE("names must be printable UTF-8", "[scenario][errors]") {
  auto named = [](const std::string& name) {
    return "name: " + name + "\ncluster: { nodes: 3 }\n" + one_phase;
  };
  auto phase_named = [](const std::string& name) {
    return minimal_header + "phases:\n  - { name: " + name + ", duration: 1s }\n";
  };
  const std::string control = "must not contain control characters (such as newline, tab or ESC)";
  check_bad_cases({
      {named("\"two\\nlines\""), 1, "name", control + ", got U+000A at byte offset 3"},
      {named("\"\\e[2Jcleared\""), 1, "name", control + ", got U+001B at byte offset 0"},
      {named("\"tab\\tbed\""), 1, "name", control + ", got U+0009 at byte offset 3"},
      {named("\"del\\x7f\""), 1, "name", control + ", got U+007F at byte offset 3"},
      {named("\"c1\\x9b\""), 1, "name", control + ", got U+009B at byte offset 2"},
      {named("|\n  literal\n  block"), 1, "name", control + ", got U+000A at byte offset 7"},
      {named("ab\xff"), 1, "name", "must be valid UTF-8, got byte 0xff at byte offset 2"},
      {named("x\xc0\xaf"), 1, "name", "must be valid UTF-8, got byte 0xc0 at byte offset 1"},
      {named("\xed\xa0\x80"), 1, "name", "must be valid UTF-8, got byte 0xed at byte offset 0"},
      {named("\xf4\x90\x80\x80"), 1, "name", "must be valid UTF-8, got byte 0xf4"},
      {named("cut\xe2\x98"), 1, "name", "must be valid UTF-8, got byte 0xe2 at byte offset 3"},
      {phase_named("\"a\\rb\""), 4, "phases[0].name", control + ", got U+000D at byte offset 1"},
      {phase_named("\"\\e]0;title\\a\""), 4, "phases[0].name", control + ", got U+001B"},
      {phase_named("p\xfe"), 4, "phases[0].name", "must be valid UTF-8, got byte 0xfe"},
  });
  Scenario unicode = parse_ok(named("caf\xc3\xa9-\xe2\x98\x83-\xf0\x9f\x90\x98"));
  CHECK(unicode.name == "caf\xc3\xa9-\xe2\x98\x83-\xf0\x9f\x90\x98");
  Scenario spaces = parse_ok(phase_named("\"phase with spaces\""));
  CHECK(spaces.phases.at(0).name == "phase with spaces");
}

TEST_CASE("the scenario files in scenarios/ parse", "[scenario]") {
  // Every shipped scenario must stay valid as the schema evolves.
  std::vector<std::string> folders = {"fast", "slow", "negative"};
  for (const std::string& folder : folders) {
    std::string directory = std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/" + folder;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
      if (entry.path().extension() != ".yaml") {
        continue;
      }
      Result<Scenario> result = load_scenario(entry.path().string());
      INFO(entry.path().string());
      CHECK((result.ok() ? std::string("ok") : result.error().to_string()) == "ok");
    }
  }
}

namespace {

// Either a scenario, or an error that points at a line, or a file-level error (line 0, no key).
void check_outcome_is_sane(const std::string& text) {
  Result<Scenario> result = parse_scenario(text, "fuzz.yaml");
  if (result.ok()) {
    return;
  }
  const Error& error = result.error();
  INFO("input:\n" << text << "\nerror: " << error.to_string());
  CHECK(error.file == "fuzz.yaml");
  CHECK(!error.message.empty());
  CHECK((error.line > 0 || (error.line == 0 && error.key.empty())));
}

std::string read_fixture(const std::string& name) {
  std::ifstream stream(fixture(name), std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("fuzz: truncations never crash", "[scenario][fuzz]") {
  std::string text = read_fixture("valid_full.yaml");
  REQUIRE(text.size() > 100);
  for (size_t length = 0; length <= text.size(); ++length) {
    check_outcome_is_sane(text.substr(0, length));
  }
}

TEST_CASE("fuzz: byte flips never crash", "[scenario][fuzz]") {
  std::string text = read_fixture("valid_full.yaml");
  // Characters that mean something to YAML or to the schema, then arbitrary bytes.
  const std::string interesting = "[]{}:,-#&*!|>'\"\n\t ?%@`0123456789nsmh/.\\";
  Rng rng(20240601);
  for (int round = 0; round < 3000; ++round) {
    std::string mutated = text;
    uint64_t flips = rng.uniform(1, 4);
    for (uint64_t flip = 0; flip < flips; ++flip) {
      size_t position = rng.index(mutated.size());
      if (rng.chance(Ratio{1, 2})) {
        mutated[position] = interesting[rng.index(interesting.size())];
      } else {
        mutated[position] = static_cast<char>(rng.uniform(0, 255));
      }
    }
    check_outcome_is_sane(mutated);
  }
}

TEST_CASE("fuzz: hostile structures never crash", "[scenario][fuzz]") {
  check_outcome_is_sane(std::string(5000, '[') + std::string(5000, ']'));
  check_outcome_is_sane(std::string(5000, '{'));
  check_outcome_is_sane("a: &x [*x]\n");
  check_outcome_is_sane(minimal_header + "phases: &p [*p]\n");
  check_outcome_is_sane(with_faults("      - { at: 1s, partition: &g [*g, *g] }\n"));
  check_outcome_is_sane(with_faults("      - { at: 1s, crash: &c [*c] }\n"));
  check_outcome_is_sane(std::string("name: t\0\ncluster: 3\n", 20));
  check_outcome_is_sane("\xef\xbb\xbfname: \xff\xfe\n");
  check_outcome_is_sane("*undefined_alias\n");
  check_outcome_is_sane("!!binary x\n");
  check_outcome_is_sane("%YAML 9.9\n---\na: 1\n");
  // yaml-cpp 0.7's LoadAll never returns on these (jbeder/yaml-cpp#1040).
  check_outcome_is_sane(",");
  check_outcome_is_sane("name: t\n---\n,\n");
  check_outcome_is_sane(std::string(max_scenario_bytes + 1, ' '));
}

}  // namespace faultline
