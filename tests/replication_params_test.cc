// File: replication_params_test.cc
// cluster.params of `protocol: replication`: defaults, every key, and every kind of bad input
// (file:line:key errors; no unknown key ignored; keys that do not apply to the strategy).
#include <catch2/catch.hpp>

#include <string>

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
        "replication.state_agreement, fd.qos, got 'raft.log_matching'");
  Error raft_log = parse_error(with_checks("{ strategy: active, log: raft }", "[paxos.agreement]"));
  CHECK(raft_log.message ==
        "expected a check name of protocol replication (strategy active, log raft): "
        "replication.one_primary_per_epoch, replication.no_lost_write, raft.election_safety, "
        "raft.log_matching, raft.leader_completeness, raft.state_machine_safety, "
        "raft.commit_quorum, got 'paxos.agreement'");
  CHECK(parse_ok(with_checks("{ strategy: active, log: raft }", "[raft.log_matching]")).checks ==
        std::vector<std::string>{"raft.log_matching"});
}
