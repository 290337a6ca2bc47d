// File: replication_params_test.cc
// cluster.params of `protocol: replication`: defaults, every key, and every kind of bad input
// (file:line:key errors; no unknown key ignored; keys that do not apply to the strategy).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/scenario/scenario_parser.h"

using namespace faultline;

namespace {

std::string with_params(const std::string& params) {
  return "name: t\ncluster:\n  nodes: 3\n  protocol: replication\n  params: " + params +
         "\nphases: [{ name: p, duration: 1s }]\n";
}

Scenario parse_ok(const std::string& text) {
  Result<Scenario> result = parse_scenario(text, "inline.yaml");
  if (!result.ok()) {
    FAIL(result.error().to_string());
  }
  return std::move(result).value();
}

Error parse_error(const std::string& text) {
  Result<Scenario> result = parse_scenario(text, "inline.yaml");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().file == "inline.yaml");
  return result.error();
}

}  // namespace

TEST_CASE("replication params: defaults and every key", "[replication][scenario]") {
  ReplicationParams defaults =
      parse_ok(
          "name: t\ncluster: { nodes: 3, protocol: replication }\nphases: [{ name: p, duration: "
          "1s }]\n")
          .cluster.replication;
  CHECK(defaults.strategy == "passive");
  CHECK(defaults.detector.interval == Duration::milliseconds(100));
  CHECK(defaults.detector.timeout == Duration::milliseconds(500));
  CHECK(defaults.max_entries_per_update == 64);
  CHECK(defaults.bug.empty());

  ReplicationParams full =
      parse_ok(with_params("{ strategy: semi_active, detector: { kind: fixed_timeout, "
                           "interval: 20ms, timeout: 90ms }, max_entries_per_update: "
                           "8, bug: followers_choose }"))
          .cluster.replication;
  CHECK(full.strategy == "semi_active");
  CHECK(full.detector.interval == Duration::milliseconds(20));
  CHECK(full.detector.timeout == Duration::milliseconds(90));
  CHECK(full.max_entries_per_update == 8);
  CHECK(full.bug == "followers_choose");

  ReplicationParams active =
      parse_ok(with_params("{ strategy: active, log: raft }")).cluster.replication;
  CHECK(active.strategy == "active");
  CHECK(active.log == "raft");

  ReplicationParams paxos = parse_ok(with_params("{ strategy: active, log: multi_paxos, detector: "
                                                 "{ kind: phi_accrual, phi_threshold: 5 } }"))
                                .cluster.replication;
  CHECK(paxos.log == "multi_paxos");
  CHECK(paxos.detector.kind == DetectorParams::Kind::phi_accrual);
  CHECK(paxos.detector.phi_threshold_milli == 5000);
}

TEST_CASE("replication params: bad input names file, line and key", "[replication][scenario]") {
  struct Case {
    std::string params;
    std::string key;
    std::string message_part;
  };
  const Case cases[] = {
      {"{ strategy: quorum }", "cluster.params.strategy", "a known strategy"},
      {"{ stratgy: passive }", "cluster.params.stratgy", "stratgy"},
      {"{ strategy: passive, log: raft }", "cluster.params.log",
       "does not apply to strategy passive"},
      {"{ strategy: active, log: paxos }", "cluster.params.log", "a known log: raft"},
      {"{ strategy: active, bug: no_epochs }", "cluster.params.bug",
       "does not apply to strategy active"},
      {"{ strategy: active, detector: { timeout: 1s } }", "cluster.params.detector",
       "does not apply to log raft"},
      {"{ strategy: active, log: multi_paxos, bug: no_epochs }", "cluster.params.bug",
       "does not apply to strategy active"},
      {"{ bug: followers_choose }", "cluster.params.bug", "a known bug for strategy passive"},
      {"{ bug: none }", "cluster.params.bug", "no_epochs"},
      // The detector map is the shared one (sim/scenario/detector_params.h).
      {"{ detector: { kind: phi_accrual, timeout: 1s } }", "cluster.params.detector.timeout",
       "applies only to kind fixed_timeout"},
      {"{ detector: { interval: 2s } }", "cluster.params.detector",
       "timeout (500ms) must be greater than the interval (2s)"},
      {"{ detector: { timeout: 2h } }", "cluster.params.detector.timeout", "must be at most 3600s"},
      {"{ detector: { treshold: 3 } }", "cluster.params.detector.treshold", "treshold"},
      {"{ max_entries_per_update: 0 }", "cluster.params.max_entries_per_update", ""},
      {"[passive]", "cluster.params", "a map of replication parameters"},
  };
  for (const Case& bad : cases) {
    INFO(bad.params);
    Error error = parse_error(with_params(bad.params));
    CHECK(error.line == 5);
    CHECK(error.key == bad.key);
    INFO(error.to_string());
    CHECK(error.message.find(bad.message_part) != std::string::npos);
  }
}

TEST_CASE("replication checks: only those whose events the strategy and log publish",
          "[replication][scenario]") {
  auto with_checks = [](const std::string& params, const std::string& checks) {
    return with_params(params) + "checks: " + checks + "\n";
  };
  // Defaults: active adds the log protocol's own invariants.
  CHECK(parse_ok(with_params("{ strategy: passive }")).checks ==
        std::vector<std::string>{"replication.one_primary_per_epoch", "replication.no_lost_write",
                                 "replication.state_agreement"});
  CHECK(parse_ok(with_params("{ strategy: active, log: multi_paxos }")).checks ==
        std::vector<std::string>{"replication.one_primary_per_epoch", "replication.no_lost_write",
                                 "paxos.agreement", "paxos.validity",
                                 "paxos.state_machine_safety"});
  // A check that could never see its events is an error, not a vacuous pass.
  Error passive = parse_error(with_checks("{ strategy: passive }", "[raft.log_matching]"));
  CHECK(passive.key == "checks[0]");
  CHECK(passive.message ==
        "expected a check name of protocol replication (strategy passive): "
        "replication.one_primary_per_epoch, replication.no_lost_write, "
        "replication.state_agreement, linearizable, fd.qos, got 'raft.log_matching'");
  Error raft_log = parse_error(with_checks("{ strategy: active, log: raft }", "[paxos.agreement]"));
  CHECK(raft_log.message ==
        "expected a check name of protocol replication (strategy active, log raft): "
        "replication.one_primary_per_epoch, replication.no_lost_write, linearizable, "
        "raft.election_safety, "
        "raft.log_matching, raft.leader_completeness, raft.state_machine_safety, "
        "raft.commit_quorum, got 'paxos.agreement'");
  CHECK(parse_ok(with_checks("{ strategy: active, log: raft }", "[raft.log_matching]")).checks ==
        std::vector<std::string>{"raft.log_matching"});
}

TEST_CASE("replication params: strategy leaderless, its keys, ranges and checks",
          "[replication][leaderless][scenario]") {
  auto leaderless = [](const std::string& params, const std::string& rest) {
    return "name: t\ncluster:\n  nodes: 5\n  protocol: replication\n  params: " + params +
           "\nphases: [{ name: p, duration: 1s }, { name: h, duration: 2s, expect: { "
           "converge_within: 1s } }]\n" +
           rest;
  };
  Scenario defaults = parse_ok(leaderless("{ strategy: leaderless }", ""));
  Error flood = parse_error(leaderless("{ strategy: leaderless, anti_entropy_interval: 1ns }", ""));
  CHECK(flood.key == "cluster.params.anti_entropy_interval");
  CHECK(flood.message == "must be 0 (off) or at least 1ms, got '1ns'");
  const LeaderlessParams& params = defaults.cluster.replication.leaderless;
  CHECK(params.replication_factor == 3);
  CHECK(params.virtual_nodes == 16);
  CHECK(params.write_consistency == "quorum");
  CHECK(params.read_consistency == "quorum");
  CHECK(params.read_repair == "async");
  CHECK(params.timestamps == "clock");
  CHECK(params.anti_entropy_interval == Duration::milliseconds(500));
  CHECK(params.coordinator_timeout == Duration::milliseconds(300));
  CHECK(defaults.checks ==
        std::vector<std::string>{"replication.no_lost_write", "replication.convergence"});
  CHECK(defaults.phases[1].converge_within == Duration::seconds(1));

  Scenario full = parse_ok(leaderless(
      "{ strategy: leaderless, replication_factor: 5, virtual_nodes: 4, write_consistency: all, "
      "read_consistency: one, read_repair: sync, timestamps: quorum_read, "
      "anti_entropy_interval: 0s, coordinator_timeout: 1s }",
      ""));
  const LeaderlessParams& set = full.cluster.replication.leaderless;
  CHECK(set.replication_factor == 5);
  CHECK(set.virtual_nodes == 4);
  CHECK(set.write_consistency == "all");
  CHECK(set.read_consistency == "one");
  CHECK(set.read_repair == "sync");
  CHECK(set.timestamps == "quorum_read");
  CHECK(set.anti_entropy_interval == Duration{0});
  CHECK(set.coordinator_timeout == Duration::seconds(1));

  struct Case {
    std::string params;
    std::string key;
    std::string message_part;
  };
  const Case cases[] = {
      {"{ strategy: leaderless, replication_factor: 6 }", "cluster.params.replication_factor", "5"},
      {"{ strategy: leaderless, replication_factor: 0 }", "cluster.params.replication_factor", ""},
      {"{ strategy: leaderless, virtual_nodes: 0 }", "cluster.params.virtual_nodes", ""},
      {"{ strategy: leaderless, write_consistency: two }", "cluster.params.write_consistency",
       "a known consistency level: one, quorum, all"},
      {"{ strategy: leaderless, read_repair: maybe }", "cluster.params.read_repair",
       "a known read repair"},
      {"{ strategy: leaderless, timestamps: hlc }", "cluster.params.timestamps",
       "a known timestamp source"},
      {"{ strategy: leaderless, coordinator_timeout: 0s }", "cluster.params.coordinator_timeout",
       ""},
      {"{ strategy: leaderless, detector: { timeout: 1s } }", "cluster.params.detector",
       "does not apply to strategy leaderless"},
      {"{ strategy: leaderless, bug: no_epochs }", "cluster.params.bug",
       "does not apply to strategy leaderless"},
      {"{ strategy: passive, read_repair: sync }", "cluster.params.read_repair",
       "does not apply to strategy passive"},
      {"{ strategy: active, replication_factor: 3 }", "cluster.params.replication_factor",
       "does not apply to strategy active"},
  };
  for (const Case& bad : cases) {
    INFO(bad.params);
    Error error = parse_error(leaderless(bad.params, ""));
    INFO(error.to_string());
    CHECK(error.line == 5);
    CHECK(error.key == bad.key);
    CHECK(error.message.find(bad.message_part) != std::string::npos);
  }

  // Checks: the failover strategies' checks are rejected; convergence and its expectation go
  // together.
  Error one_primary = parse_error(
      leaderless("{ strategy: leaderless }", "checks: [replication.one_primary_per_epoch]\n"));
  CHECK(one_primary.message ==
        "expected a check name of protocol replication (strategy leaderless): "
        "replication.no_lost_write, replication.convergence, linearizable, got "
        "'replication.one_primary_per_epoch'");
  Error convergence_passive =
      parse_error(with_params("{ strategy: passive }") + "checks: [replication.convergence]\n");
  CHECK(convergence_passive.key == "checks[0]");
  Error no_expectation = parse_error(
      "name: t\ncluster: { nodes: 3, protocol: replication, params: { strategy: leaderless } }\n"
      "phases: [{ name: p, duration: 1s }]\n");
  CHECK(no_expectation.message.find("needs a phase whose expect has converge_within") !=
        std::string::npos);
  Error no_check =
      parse_error(leaderless("{ strategy: leaderless }",
                             "workload: { clients: 1 }\nchecks: [replication.no_lost_write]\n"));
  CHECK(no_check.key == "phases[1].expect.converge_within");
  CHECK(no_check.message.find("needs the check replication.convergence") != std::string::npos);
  CHECK(parse_ok("name: t\ncluster: { nodes: 3, protocol: replication, params: { strategy: "
                 "leaderless } }\nphases: [{ name: p, duration: 1s }]\n"
                 "workload: { clients: 1 }\nchecks: [replication.no_lost_write]\n")
            .checks == std::vector<std::string>{"replication.no_lost_write"});
}
