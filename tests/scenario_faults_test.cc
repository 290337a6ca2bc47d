// File: scenario_faults_test.cc
// Tests of the issue-3 scenario keys: network duplicate/reorder/bandwidth/queue/topology/links,
// clocks, disk write latency/torn writes/capacity, raft pre_vote/check_quorum/bugs, the
// raft.commit_quorum check, max_leader_changes, the new fault actions and partition shapes, and
// the phase nemesis. Each key parses to exact values; each rule's error names line and key;
// unknown keys in each new map are rejected with a suggestion; no mutated input crashes.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "sim/base/rng.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/value_parsers.h"

namespace faultline {
namespace {

std::string fixture(const std::string& name) {
  return std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/scenario/" + name;
}

std::string read_fixture(const std::string& name) {
  std::ifstream stream(fixture(name), std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
}

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

bool same_ratio(Ratio ratio, uint64_t numerator, uint64_t denominator) {
  return ratio.numerator == numerator && ratio.denominator == denominator;
}

using Kind = NodeTarget::Kind;

// Lines 1-2; a 5-node cluster so that shapes and budgets have room.
const std::string header = "name: t\ncluster: { nodes: 5 }\n";
const std::string one_phase = "phases:\n  - { name: p, duration: 10s }\n";

// Line 7 is the first fault.
std::string with_faults(const std::string& faults) {
  return header + "phases:\n  - name: p\n    duration: 30s\n    faults:\n" + faults;
}

// Line 7 is the first nemesis key.
std::string with_nemesis(const std::string& body) {
  return header + "phases:\n  - name: p\n    duration: 30s\n    nemesis:\n" + body;
}

struct BadCase {
  std::string text;
  int line;
  std::string key;
  std::string message_part;
};

void check_bad_cases(const std::vector<BadCase>& cases) {
  for (const BadCase& bad : cases) {
    INFO("scenario:\n" << bad.text);
    Result<Scenario> result = parse_scenario(bad.text, "inline.yaml");
    REQUIRE_FALSE(result.ok());
    const Error& error = result.error();
    INFO("error: " << error.to_string());
    CHECK(error.file == "inline.yaml");
    CHECK(error.line == bad.line);
    CHECK(error.key == bad.key);
    CHECK_THAT(error.message, Catch::Contains(bad.message_part));
  }
}

}  // namespace

TEST_CASE("issue 3 maximal scenario: world sections", "[scenario][issue3]") {
  Result<Scenario> result = load_scenario(fixture("valid_issue3.yaml"));
  if (!result.ok()) {
    FAIL(result.error().to_string());
  }
  const Scenario& scenario = *result;
  const RaftParams& raft = scenario.cluster.raft;
  CHECK_FALSE(raft.pre_vote);
  CHECK_FALSE(raft.check_quorum);
  CHECK(raft.bug == "count_duplicate_acks");

  const NetworkSpec& network = scenario.network;
  CHECK(network.latency.value == Duration::milliseconds(2));
  CHECK(same_ratio(network.loss, 1, 1000));
  CHECK(same_ratio(network.duplicate, 1, 100));
  CHECK(same_ratio(network.reorder, 1, 20));
  CHECK(network.reorder_window == Duration::milliseconds(3));
  CHECK(network.bandwidth_bytes_per_second == 125'000'000);
  CHECK(network.queue_capacity_bytes == 65'536);

  const TopologySpec& topology = network.topology;
  CHECK(topology.kind == TopologySpec::Kind::regions);
  using Racks = std::vector<std::vector<uint32_t>>;
  CHECK(topology.regions == std::vector<Racks>{{{1, 2}, {3}}, {{4, 5}}});
  CHECK(topology.racks == Racks{{1, 2}, {3}, {4, 5}});
  CHECK(topology.intra_rack.latency == Duration::microseconds(100));
  CHECK(topology.intra_rack.bandwidth_bytes_per_second == 1'250'000'000);
  CHECK(topology.inter_rack.latency == Duration::milliseconds(1));
  CHECK_FALSE(topology.inter_rack.bandwidth_bytes_per_second.has_value());
  CHECK(topology.inter_region.latency == Duration::milliseconds(40));
  CHECK(topology.inter_region.bandwidth_bytes_per_second == 125'000'000);

  REQUIRE(network.links.size() == 3);
  const LinkOverrideSpec& first = network.links[0];
  CHECK(first.from == 1);
  CHECK(first.to == 2);
  CHECK(first.line == 21);
  REQUIRE(first.latency.has_value());
  CHECK(first.latency->kind == LatencySpec::Kind::constant);
  CHECK(first.latency->value == Duration::milliseconds(20));
  CHECK_FALSE(first.bandwidth_bytes_per_second.has_value());
  CHECK_FALSE(first.loss.has_value());
  CHECK_FALSE(first.one_way);
  const LinkOverrideSpec& second = network.links[1];
  CHECK(second.from == 3);
  CHECK(second.to == 4);
  CHECK_FALSE(second.latency.has_value());
  CHECK(second.bandwidth_bytes_per_second == 1'048'576);
  REQUIRE(second.loss.has_value());
  CHECK(same_ratio(*second.loss, 1, 2));
  CHECK(second.one_way);
  const LinkOverrideSpec& third = network.links[2];
  CHECK(third.from == 4);
  CHECK(third.to == 5);
  REQUIRE(third.latency.has_value());
  CHECK(third.latency->kind == LatencySpec::Kind::uniform);
  CHECK(third.latency->min == Duration::milliseconds(1));
  CHECK(third.latency->max == Duration::milliseconds(2));

  const ClockSpec& clocks = scenario.clocks;
  CHECK(clocks.present);
  CHECK(clocks.offset_max == Duration::milliseconds(5));
  CHECK(clocks.drift_ppm_max == 100);
  REQUIRE(clocks.nodes.size() == 2);
  CHECK(clocks.nodes.at(2).offset == Duration::milliseconds(-3));
  CHECK(clocks.nodes.at(2).drift_ppm == -50);
  CHECK_FALSE(clocks.nodes.at(5).offset.has_value());
  CHECK(clocks.nodes.at(5).drift_ppm == 100'000);

  const DiskSpec& disk = scenario.disk;
  CHECK(disk.sync_latency == Duration::milliseconds(2));
  CHECK(disk.write_latency == Duration::microseconds(10));
  CHECK(disk.lose_unsynced_on_crash);
  CHECK(same_ratio(disk.torn_write, 1, 4));
  CHECK(disk.capacity_bytes == 4 * 1'048'576);

  CHECK(scenario.checks == std::vector<std::string>{"raft.commit_quorum", "raft.election_safety"});
  CHECK(scenario.expect_violation == "raft.commit_quorum");
}

TEST_CASE("issue 3 maximal scenario: faults", "[scenario][issue3]") {
  Scenario scenario = *load_scenario(fixture("valid_issue3.yaml"));
  REQUIRE(scenario.phases.size() == 4);
  const std::vector<FaultSpec>& faults = scenario.phases[0].faults;
  REQUIRE(faults.size() == 18);
  using Shape = FaultSpec::Shape;
  for (size_t index = 0; index < faults.size(); ++index) {
    CHECK(faults[index].at == Duration::seconds(static_cast<int64_t>(index) + 1));
    CHECK(faults[index].line == 35 + static_cast<int>(index));
  }
  for (size_t index = 0; index < 8; ++index) {
    CHECK(faults[index].kind == FaultSpec::Kind::partition);
    CHECK(faults[index].groups.empty());
  }
  CHECK(faults[0].shape == Shape::isolate);
  REQUIRE(faults[0].targets.size() == 1);
  CHECK(same_target(faults[0].targets[0], Kind::leader));
  CHECK(faults[1].shape == Shape::isolate);
  CHECK(faults[1].targets.empty());
  CHECK(faults[2].shape == Shape::split);
  REQUIRE(faults[2].targets.size() == 2);
  CHECK(same_target(faults[2].targets[0], Kind::node, 1));
  CHECK(same_target(faults[2].targets[1], Kind::node, 4));
  CHECK(faults[3].shape == Shape::split);
  CHECK(faults[3].targets.empty());
  CHECK(faults[4].shape == Shape::bridge);
  REQUIRE(faults[4].targets.size() == 1);
  CHECK(same_target(faults[4].targets[0], Kind::node, 3));
  CHECK(faults[5].shape == Shape::ring);
  CHECK(faults[5].targets.empty());
  CHECK(faults[6].shape == Shape::one_way);
  REQUIRE(faults[6].from.size() == 2);
  CHECK(same_target(faults[6].from[0], Kind::leader));
  CHECK(same_target(faults[6].from[1], Kind::node, 1));
  REQUIRE(faults[6].to.size() == 1);
  CHECK(same_target(faults[6].to[0], Kind::rest));
  CHECK(faults[7].shape == Shape::one_way);
  REQUIRE(faults[7].from.size() == 1);
  CHECK(same_target(faults[7].from[0], Kind::node, 2));
  REQUIRE(faults[7].to.size() == 2);
  CHECK(same_target(faults[7].to[0], Kind::node, 3));
  CHECK(same_target(faults[7].to[1], Kind::node, 4));

  CHECK(faults[8].kind == FaultSpec::Kind::heal);

  CHECK(faults[9].kind == FaultSpec::Kind::clog);
  REQUIRE(faults[9].from.size() == 1);
  CHECK(same_target(faults[9].from[0], Kind::node, 1));
  REQUIRE(faults[9].to.size() == 2);
  CHECK(same_target(faults[9].to[0], Kind::node, 2));
  CHECK(same_target(faults[9].to[1], Kind::node, 3));
  CHECK(faults[9].duration == Duration::seconds(2));
  CHECK(faults[10].kind == FaultSpec::Kind::clog);
  REQUIRE(faults[10].from.size() == 1);
  CHECK(same_target(faults[10].from[0], Kind::all));
  REQUIRE(faults[10].to.size() == 1);
  CHECK(same_target(faults[10].to[0], Kind::leader));
  CHECK(faults[10].duration == Duration::milliseconds(500));

  CHECK(faults[11].kind == FaultSpec::Kind::clock_jump);
  REQUIRE(faults[11].targets.size() == 1);
  CHECK(same_target(faults[11].targets[0], Kind::node, 3));
  CHECK(faults[11].by == Duration::milliseconds(-250));
  CHECK(faults[12].kind == FaultSpec::Kind::clock_jump);
  CHECK(same_target(faults[12].targets.at(0), Kind::all));
  CHECK(faults[12].by == Duration::seconds(1));

  CHECK(faults[13].kind == FaultSpec::Kind::wipe);
  REQUIRE(faults[13].targets.size() == 1);
  CHECK(same_target(faults[13].targets[0], Kind::node, 2));
  CHECK(faults[14].kind == FaultSpec::Kind::wipe);
  REQUIRE(faults[14].targets.size() == 2);
  CHECK(same_target(faults[14].targets[0], Kind::node, 4));
  CHECK(same_target(faults[14].targets[1], Kind::node, 5));

  CHECK(faults[15].kind == FaultSpec::Kind::corrupt);
  REQUIRE(faults[15].targets.size() == 1);
  CHECK(same_target(faults[15].targets[0], Kind::node, 1));
  CHECK(faults[15].records == 1);
  CHECK(faults[16].kind == FaultSpec::Kind::corrupt);
  CHECK(same_target(faults[16].targets.at(0), Kind::node, 3));
  CHECK(faults[16].records == 7);

  CHECK(faults[17].kind == FaultSpec::Kind::disk_full);
  REQUIRE(faults[17].targets.size() == 1);
  CHECK(same_target(faults[17].targets[0], Kind::leader));
  CHECK(faults[17].duration == Duration::seconds(3));
  CHECK_FALSE(scenario.phases[0].nemesis.has_value());
}

TEST_CASE("issue 3 maximal scenario: nemesis and expect", "[scenario][issue3]") {
  Scenario scenario = *load_scenario(fixture("valid_issue3.yaml"));
  REQUIRE(scenario.phases.size() == 4);
  const PhaseSpec& random = scenario.phases[1];
  REQUIRE(random.nemesis.has_value());
  const NemesisSpec& nemesis = *random.nemesis;
  CHECK(nemesis.line == 56);
  CHECK(same_ratio(nemesis.crash, 1, 2));
  CHECK(same_ratio(nemesis.partition, 2, 1));
  CHECK(same_ratio(nemesis.clog, 1, 20));
  CHECK(same_ratio(nemesis.clock_jump, 1, 1));
  CHECK(same_ratio(nemesis.torn_crash, 1, 8));
  CHECK(nemesis.corrupt.is_zero());
  CHECK(same_ratio(nemesis.wipe, 1, 1000));
  CHECK(same_ratio(nemesis.disk_full, 10, 1));
  CHECK(nemesis.fault_duration_min == Duration::milliseconds(200));
  CHECK(nemesis.fault_duration_max == Duration::seconds(2));
  CHECK(nemesis.clock_jump_max == Duration::milliseconds(300));
  CHECK(nemesis.max_faulty == 1);
  CHECK_FALSE(random.is_liveness_phase());

  // `nemesis: {}`: every rate 0 (swarm mode fills them), the defaults, f = floor((5-1)/2).
  const PhaseSpec& defaults = scenario.phases[2];
  REQUIRE(defaults.nemesis.has_value());
  for (Ratio rate :
       {defaults.nemesis->crash, defaults.nemesis->partition, defaults.nemesis->clog,
        defaults.nemesis->clock_jump, defaults.nemesis->torn_crash, defaults.nemesis->corrupt,
        defaults.nemesis->wipe, defaults.nemesis->disk_full}) {
    CHECK(rate.is_zero());
  }
  CHECK(defaults.nemesis->fault_duration_min == Duration::milliseconds(500));
  CHECK(defaults.nemesis->fault_duration_max == Duration::seconds(3));
  CHECK(defaults.nemesis->clock_jump_max == Duration::seconds(1));
  CHECK(defaults.nemesis->max_faulty == 2);

  const PhaseSpec& heal = scenario.phases[3];
  CHECK(heal.leader_within == Duration::seconds(5));
  CHECK_FALSE(heal.commits_resume_within.has_value());
  CHECK(heal.max_leader_changes == 2u);
  CHECK(heal.is_liveness_phase());
  CHECK_FALSE(heal.nemesis.has_value());
}

TEST_CASE("issue 3 keys take their defaults", "[scenario][issue3]") {
  Scenario scenario = parse_ok(header + one_phase);
  const NetworkSpec& network = scenario.network;
  CHECK(network.duplicate.is_zero());
  CHECK(network.reorder.is_zero());
  CHECK(network.reorder_window == Duration::milliseconds(10));
  CHECK(network.bandwidth_bytes_per_second == 0);
  CHECK(network.queue_capacity_bytes == 4 * 1'048'576);
  CHECK(network.topology.kind == TopologySpec::Kind::mesh);
  CHECK(network.topology.racks.empty());
  CHECK(network.topology.regions.empty());
  CHECK(network.links.empty());
  CHECK_FALSE(scenario.clocks.present);
  CHECK(scenario.clocks.offset_max == Duration{0});
  CHECK(scenario.clocks.drift_ppm_max == 0);
  CHECK(scenario.clocks.nodes.empty());
  CHECK(scenario.disk.write_latency == Duration{0});
  CHECK(scenario.disk.torn_write.is_zero());
  CHECK(scenario.disk.capacity_bytes == 0);
  CHECK(scenario.cluster.raft.pre_vote);
  CHECK(scenario.cluster.raft.check_quorum);
  CHECK(scenario.checks == std::vector<std::string>{"raft.election_safety", "raft.log_matching",
                                                    "raft.leader_completeness",
                                                    "raft.state_machine_safety",
                                                    "raft.commit_quorum"});
  CHECK_FALSE(scenario.phases.at(0).nemesis.has_value());
  CHECK_FALSE(scenario.phases.at(0).max_leader_changes.has_value());

  Scenario empty_clocks = parse_ok(header + "clocks: {}\n" + one_phase);
  CHECK(empty_clocks.clocks.present);

  Scenario racks =
      parse_ok(header + "network:\n  topology: { kind: racks, racks: [[n3, n1], [n2, n5, n4]] }\n" +
               one_phase);
  CHECK(racks.network.topology.kind == TopologySpec::Kind::racks);
  CHECK(racks.network.topology.racks == std::vector<std::vector<uint32_t>>{{3, 1}, {2, 5, 4}});
  CHECK(racks.network.topology.regions.empty());
  CHECK_FALSE(racks.network.topology.intra_rack.latency.has_value());
  CHECK_FALSE(racks.network.topology.intra_rack.bandwidth_bytes_per_second.has_value());

  Scenario mesh = parse_ok(header + "network: { topology: { kind: mesh } }\n" + one_phase);
  CHECK(mesh.network.topology.kind == TopologySpec::Kind::mesh);

  // The nemesis budget default follows the cluster size: floor((N-1)/2).
  for (auto [nodes, budget] : {std::pair{1u, 0u}, {2u, 0u}, {3u, 1u}, {4u, 1u}, {7u, 3u}}) {
    Scenario sized = parse_ok("name: t\ncluster: { nodes: " + std::to_string(nodes) +
                              " }\nphases:\n  - { name: p, duration: 1s, nemesis: {} }\n");
    CHECK(sized.phases.at(0).nemesis->max_faulty == budget);
  }

  // max_leader_changes alone makes a liveness phase.
  Scenario changes_only = parse_ok(
      header + "phases:\n  - { name: p, duration: 5s, expect: { max_leader_changes: 0 } }\n");
  CHECK(changes_only.phases.at(0).max_leader_changes == 0u);
  CHECK(changes_only.phases.at(0).is_liveness_phase());
}

TEST_CASE("bandwidth values", "[scenario][issue3]") {
  struct Case {
    const char* text;
    uint64_t bytes_per_second;
  };
  for (const Case& good :
       {Case{"1Gbps", 125'000'000}, Case{"100Mbps", 12'500'000}, Case{"10Kbps", 1'250},
        Case{"800bps", 100}, Case{"8bps", 1}, Case{"125MB/s", 125'000'000}, Case{"10KB/s", 10'000},
        Case{"1GB/s", 1'000'000'000}, Case{"64KiB/s", 65'536}, Case{"1MiB/s", 1'048'576},
        Case{"1GiB/s", 1'073'741'824}, Case{"500B/s", 500},
        Case{"18446744073709551615B/s", UINT64_MAX}}) {
    INFO(good.text);
    Result<uint64_t> value = parse_bandwidth(good.text);
    REQUIRE(value.ok());
    CHECK(*value == good.bytes_per_second);
  }
  for (const char* bad : {"0Gbps", "0B/s", "12bps", "1.5Gbps", "1gbps", "100", "Mbps", "-1Gbps",
                          "1 Gbps", "1Tbps", "1KiBps", "18446744073709551616B/s",
                          "18446744073709551615Kbps", "20000000000GB/s", "", "+5MB/s"}) {
    INFO(bad);
    CHECK_FALSE(parse_bandwidth(bad).ok());
  }
  CHECK(parse_bandwidth("12bps").error().message ==
        "invalid bandwidth '12bps': 12 bits/s is not a whole number of bytes/s (a multiple of 8)");
}

TEST_CASE("size values", "[scenario][issue3]") {
  struct Case {
    const char* text;
    uint64_t bytes;
  };
  for (const Case& good :
       {Case{"100B", 100}, Case{"64KB", 64'000}, Case{"3MB", 3'000'000}, Case{"1GB", 1'000'000'000},
        Case{"4KiB", 4'096}, Case{"4MiB", 4'194'304}, Case{"1GiB", 1'073'741'824}}) {
    INFO(good.text);
    Result<uint64_t> value = parse_size(good.text);
    REQUIRE(value.ok());
    CHECK(*value == good.bytes);
  }
  for (const char* bad : {"0B", "0MiB", "4", "4mib", "1.5MiB", "MiB", "-1KB", "4 MiB", "1TB",
                          "18446744073709551615KB", ""}) {
    INFO(bad);
    CHECK_FALSE(parse_size(bad).ok());
  }
}

TEST_CASE("signed durations, signed integers and rates", "[scenario][issue3]") {
  CHECK(parse_signed_duration("-3ms").value() == Duration::milliseconds(-3));
  CHECK(parse_signed_duration("3ms").value() == Duration::milliseconds(3));
  CHECK(parse_signed_duration("-1.5us").value() == Duration{-1'500});
  CHECK(parse_signed_duration("-0s").value() == Duration{0});
  for (const char* bad : {"--3ms", "-", "-3", "- 3ms", "+3ms", ""}) {
    INFO(bad);
    CHECK_FALSE(parse_signed_duration(bad).ok());
  }
  CHECK(parse_signed_integer("-50", 100'000).value() == -50);
  CHECK(parse_signed_integer("100000", 100'000).value() == 100'000);
  CHECK(parse_signed_integer("-100000", 100'000).value() == -100'000);
  for (const char* bad : {"100001", "-100001", "+5", "--5", "5.0", "", "-", "0x10"}) {
    INFO(bad);
    CHECK_FALSE(parse_signed_integer(bad, 100'000).ok());
  }
  struct Case {
    const char* text;
    uint64_t numerator;
    uint64_t denominator;
  };
  for (const Case& good :
       {Case{"0/s", 0, 1}, Case{"2/s", 2, 1}, Case{"0.5/s", 1, 2}, Case{"0.05/s", 1, 20},
        Case{"1000/s", 1000, 1}, Case{"0.000000001/s", 1, 1'000'000'000}, Case{"1.25/s", 5, 4}}) {
    INFO(good.text);
    Result<Ratio> rate = parse_rate_per_second(good.text, 1'000);
    REQUIRE(rate.ok());
    CHECK(same_ratio(*rate, good.numerator, good.denominator));
  }
  for (const char* bad : {"1000.1/s", "1001/s", "0.0000000001/s", "1/100/s", "2", "2/m", "/s",
                          ".5/s", "5./s", "-1/s", "1e3/s", "", "99999999999999999999/s"}) {
    INFO(bad);
    CHECK_FALSE(parse_rate_per_second(bad, 1'000).ok());
  }
}

TEST_CASE("network errors (issue 3 keys)", "[scenario][issue3][errors]") {
  auto world = [](const std::string& body) { return header + body + one_phase; };
  check_bad_cases({
      {world("network: { duplicate: 2 }\n"), 3, "network.duplicate", "must be between 0 and 1"},
      {world("network: { reorder: x }\n"), 3, "network.reorder", "invalid probability 'x'"},
      {world("network: { reorder_window: 0ms }\n"), 3, "network.reorder_window",
       "must be greater than 0"},
      {world("network: { bandwidth: 12bps }\n"), 3, "network.bandwidth",
       "12 bits/s is not a whole number of bytes/s"},
      {world("network: { bandwidth: 0Mbps }\n"), 3, "network.bandwidth", "must be greater than 0"},
      {world("network: { bandwidth: [1Gbps] }\n"), 3, "network.bandwidth",
       "expected a bandwidth such as 1Gbps or 125MB/s, got a list"},
      {world("network: { queue_capacity: 0KB }\n"), 3, "network.queue_capacity",
       "must be greater than 0"},
      {world("network: { queue_capacity: 4 }\n"), 3, "network.queue_capacity",
       "expected a whole number and a unit: B, KB, MB, GB, KiB, MiB, GiB"},
      {world("network: { bandwith: 1Gbps }\n"), 3, "network.bandwith",
       "unknown key 'bandwith' (did you mean 'bandwidth'?)"},
      {world("network: { topolgy: { kind: mesh } }\n"), 3, "network.topolgy",
       "did you mean 'topology'?"},
  });
}

TEST_CASE("topology errors", "[scenario][issue3][errors]") {
  auto topology = [](const std::string& body) {
    return header + "network:\n  topology:\n" + body + one_phase;  // body from line 5
  };
  check_bad_cases({
      {topology("    kind: star\n"), 5, "network.topology.kind",
       "expected a topology kind: mesh, racks or regions, got 'star'"},
      {topology("    racks: [[n1]]\n"), 5, "network.topology.kind", "missing required key 'kind'"},
      {topology("    kind: mesh\n    racks: [[n1]]\n"), 6, "network.topology.racks",
       "unknown key 'racks'; expected one of: kind"},
      {topology("    kind: racks\n"), 5, "network.topology.racks", "missing required key 'racks'"},
      {topology("    kind: racks\n    racks: [[n1, n2], [n3, n4]]\n"), 6, "network.topology.racks",
       "node 'n5' is in no rack: every server (n1..n5) must be in exactly one rack"},
      {topology("    kind: racks\n    racks: [[n1, n2], [n3, n4, n5, n2]]\n"), 6,
       "network.topology.racks[1][3]",
       "node 'n2' is in two racks (first in network.topology.racks[0])"},
      {topology("    kind: racks\n    racks: [[n1, n2], [n3, n4, n5, n6]]\n"), 6,
       "network.topology.racks[1][3]", "undefined node 'n6' (cluster has 5 nodes: n1..n5)"},
      {topology("    kind: racks\n    racks: [[n1, n2, n3, n4, n5], []]\n"), 6,
       "network.topology.racks[1]", "expected a rack: a non-empty list of node names"},
      {topology("    kind: racks\n    racks: []\n"), 6, "network.topology.racks",
       "expected a non-empty list of racks"},
      {topology("    kind: racks\n    racks: [[n1, n2, n3, n4, n5]]\n    inter_region: {}\n"), 7,
       "network.topology.inter_region",
       "unknown key 'inter_region'; expected one of: kind, racks, intra_rack, inter_rack"},
      {topology("    kind: racks\n    racks: [[n1, n2, n3, n4, n5]]\n"
                "    intra_rack: { latncy: 1ms }\n"),
       7, "network.topology.intra_rack.latncy", "unknown key 'latncy' (did you mean 'latency'?)"},
      {topology("    kind: racks\n    racks: [[n1, n2, n3, n4, n5]]\n"
                "    intra_rack: { latency: -1ms }\n"),
       7, "network.topology.intra_rack.latency", "negative durations"},
      {topology("    kind: racks\n    racks: [[n1, n2, n3, n4, n5]]\n"
                "    inter_rack: { bandwidth: 1Xbps }\n"),
       7, "network.topology.inter_rack.bandwidth", "invalid bandwidth '1Xbps'"},
      {topology("    kind: regions\n    racks: [[n1]]\n"), 6, "network.topology.racks",
       "unknown key 'racks'"},
      {topology("    kind: regions\n    regions: [[[n1, n2]], [[n3], [n4]]]\n"), 6,
       "network.topology.regions", "node 'n5' is in no rack"},
      {topology("    kind: regions\n    regions: [[[n1, n2]], [n3, n4, n5]]\n"), 6,
       "network.topology.regions[1][0]", "expected a rack: a non-empty list of node names"},
      {topology("    kind: regions\n    regions: [[[n1, n2, n3]], [[n4, n5], [n1]]]\n"), 6,
       "network.topology.regions[1][1][0]",
       "node 'n1' is in two racks (first in network.topology.regions[0][0])"},
      {topology("    kind: regions\n    regions: [[], [[n1, n2, n3, n4, n5]]]\n"), 6,
       "network.topology.regions[0]", "expected a non-empty list of racks"},
      {topology("    kind: regions\n    regions: [[[n1, n2, n3, n4, n5]]]\n"
                "    inter_regoin: {}\n"),
       7, "network.topology.inter_regoin", "did you mean 'inter_region'?"},
  });
}

TEST_CASE("link override errors", "[scenario][issue3][errors]") {
  auto links = [](const std::string& body) {
    return header + "network:\n  links:\n" + body + one_phase;  // body from line 5
  };
  check_bad_cases({
      {links("    - { from: n1, to: n1, latency: 1ms }\n"), 5, "network.links[0].to",
       "a link joins two different nodes, got from and to both 'n1'"},
      {links("    - { from: n1, to: n9, latency: 1ms }\n"), 5, "network.links[0].to",
       "undefined node 'n9' (cluster has 5 nodes: n1..n5)"},
      {links("    - { from: leader, to: n2, latency: 1ms }\n"), 5, "network.links[0].from",
       "expected a node name (n1..n5), got 'leader'"},
      {links("    - { to: n2, latency: 1ms }\n"), 5, "network.links[0].from",
       "missing required key 'from'"},
      {links("    - { from: n1, latency: 1ms }\n"), 5, "network.links[0].to",
       "missing required key 'to'"},
      {links("    - { from: n1, to: n2 }\n"), 5, "network.links[0]",
       "a link override needs at least one of latency, bandwidth, loss"},
      {links("    - { from: n1, to: n2, one_way: true }\n"), 5, "network.links[0]",
       "at least one of latency, bandwidth, loss"},
      {links("    - { from: n1, to: n2, loss: 1.5 }\n"), 5, "network.links[0].loss",
       "must be between 0 and 1"},
      {links("    - { from: n1, to: n2, bandwidth: 7bps }\n"), 5, "network.links[0].bandwidth",
       "not a whole number of bytes/s"},
      {links("    - { from: n1, to: n2, latency: { dist: uniform, min: 2ms, max: 1ms } }\n"), 5,
       "network.links[0].latency.max", "must be at least min (2ms), got '1ms'"},
      {links("    - { from: n1, to: n2, latency: 1ms, one_way: yes }\n"), 5,
       "network.links[0].one_way", "expected true or false, got 'yes'"},
      {links("    - { from: n1, to: n2, latency: 1ms, oneway: true }\n"), 5,
       "network.links[0].oneway", "unknown key 'oneway' (did you mean 'one_way'?)"},
      {links("    - { from: n1, to: n2, latency: 1ms }\n    - { from: n2, to: n1, loss: 0.1 }\n"),
       6, "network.links[1]", "link n2 -> n1 is already overridden at line 5"},
      {links("    - { from: n1, to: n2, latency: 1ms, one_way: true }\n"
             "    - { from: n2, to: n1, loss: 0.1 }\n"),
       6, "network.links[1]", "link n1 -> n2 is already overridden at line 5"},
      {header + "network: { links: { from: n1 } }\n" + one_phase, 3, "network.links",
       "expected a list of link overrides, got a map"},
  });
  // Opposite one-way overrides of one pair are fine.
  Scenario both =
      parse_ok(links("    - { from: n1, to: n2, latency: 1ms, one_way: true }\n"
                     "    - { from: n2, to: n1, latency: 2ms, one_way: true }\n"));
  CHECK(both.network.links.size() == 2);
}

TEST_CASE("clock errors", "[scenario][issue3][errors]") {
  auto clocks = [](const std::string& body) {
    return header + "clocks:\n" + body + one_phase;  // body from line 4
  };
  check_bad_cases({
      {clocks("  offset_max: -1ms\n"), 4, "clocks.offset_max", "negative durations"},
      {clocks("  drift_ppm_max: 100001\n"), 4, "clocks.drift_ppm_max",
       "expected an integer from 0 to 100000, got '100001'"},
      {clocks("  drift_ppm_max: -5\n"), 4, "clocks.drift_ppm_max", "expected an integer"},
      {clocks("  drift_pm_max: 5\n"), 4, "clocks.drift_pm_max",
       "unknown key 'drift_pm_max' (did you mean 'drift_ppm_max'?)"},
      {clocks("  nodes:\n    n6: { offset: 1ms }\n"), 5, "clocks.nodes.n6",
       "undefined node 'n6' (cluster has 5 nodes: n1..n5)"},
      {clocks("  nodes:\n    leader: { offset: 1ms }\n"), 5, "clocks.nodes.leader",
       "expected a node name (n1..n5), got 'leader'"},
      {clocks("  nodes:\n    n1: { offset: 1ms }\n    n1: { drift_ppm: 3 }\n"), 6,
       "clocks.nodes.n1", "duplicate key 'n1' (first at line 5)"},
      {clocks("  nodes:\n    n1: {}\n"), 5, "clocks.nodes.n1",
       "empty clock map: expected at least one of offset, drift_ppm"},
      {clocks("  nodes:\n    n1: { ofset: 1ms }\n"), 5, "clocks.nodes.n1.ofset",
       "unknown key 'ofset' (did you mean 'offset'?)"},
      {clocks("  nodes:\n    n1: { offset: --1ms }\n"), 5, "clocks.nodes.n1.offset",
       "expected at most one '-'"},
      {clocks("  nodes:\n    n1: { offset: -10001h }\n"), 5, "clocks.nodes.n1.offset",
       "must be from -10000h to 10000h, got '-10001h'"},
      {clocks("  nodes:\n    n1: { drift_ppm: -100001 }\n"), 5, "clocks.nodes.n1.drift_ppm",
       "expected an integer from -100000 to 100000, got '-100001'"},
      {clocks("  nodes:\n    n1: { drift_ppm: 1.5 }\n"), 5, "clocks.nodes.n1.drift_ppm",
       "expected an integer from -100000 to 100000"},
      {clocks("  nodes: [n1]\n"), 4, "clocks.nodes", "expected a map from node names"},
      {header + "clocks: 5ms\n" + one_phase, 3, "clocks", "expected a map such as"},
  });
}

TEST_CASE("disk and raft errors (issue 3 keys)", "[scenario][issue3][errors]") {
  auto world = [](const std::string& body) { return header + body + one_phase; };
  auto cluster = [](const std::string& params) {
    return "name: t\ncluster:\n  nodes: 3\n  params: " + params + "\n" + one_phase;
  };
  check_bad_cases({
      {world("disk: { write_latency: -1us }\n"), 3, "disk.write_latency", "negative durations"},
      {world("disk: { torn_write: 101% }\n"), 3, "disk.torn_write", "must be between 0 and 1"},
      {world("disk: { capacity: 0B }\n"), 3, "disk.capacity", "must be greater than 0"},
      {world("disk: { capacity: 4mb }\n"), 3, "disk.capacity", "invalid size '4mb'"},
      {world("disk: { capacty: 4MB }\n"), 3, "disk.capacty", "did you mean 'capacity'?"},
      {world("disk: { torn_writes: 0.1 }\n"), 3, "disk.torn_writes", "did you mean 'torn_write'?"},
      {cluster("{ pre_vote: no }"), 4, "cluster.params.pre_vote", "expected true or false"},
      {cluster("{ check_quorum: 1 }"), 4, "cluster.params.check_quorum", "expected true or false"},
      {cluster("{ prevote: true }"), 4, "cluster.params.prevote", "did you mean 'pre_vote'?"},
      {cluster("{ bug: vote_twice }"), 4, "cluster.params.bug",
       "expected a known bug: commit_old_term_by_count, clear_vote_on_append, "
       "count_duplicate_acks, ack_before_sync, got 'vote_twice'"},
  });
  for (const char* bug : {"commit_old_term_by_count", "clear_vote_on_append",
                          "count_duplicate_acks", "ack_before_sync"}) {
    CHECK(parse_ok(cluster(std::string("{ bug: ") + bug + " }")).cluster.raft.bug == bug);
  }
}

TEST_CASE("checks and max_leader_changes", "[scenario][issue3][errors]") {
  auto phases = [](const std::string& body) { return header + "phases:\n" + body; };
  check_bad_cases({
      {header + one_phase + "checks: [raft.commit_quorom]\n", 5, "checks[0]",
       "expected a check name of protocol raft: raft.election_safety, raft.log_matching, "
       "raft.leader_completeness, raft.state_machine_safety, raft.commit_quorum"},
      {phases("  - { name: p, duration: 5s, expect: { max_leader_changes: 1000001 } }\n"), 4,
       "phases[0].expect.max_leader_changes", "expected an integer from 0 to 1000000"},
      {phases("  - { name: p, duration: 5s, expect: { max_leader_changes: -1 } }\n"), 4,
       "phases[0].expect.max_leader_changes", "expected an integer from 0 to 1000000"},
      {phases("  - { name: p, duration: 5s, expect: { max_leader_change: 3 } }\n"), 4,
       "phases[0].expect.max_leader_change", "did you mean 'max_leader_changes'?"},
      {phases("  - { name: p, duration: 5s, expect: {} }\n"), 4, "phases[0].expect",
       "empty expect map: expected at least one of leader_within, commits_resume_within, "
       "max_leader_changes"},
  });
  Scenario scenario = parse_ok(header + one_phase + "checks: [raft.commit_quorum]\n");
  CHECK(scenario.checks == std::vector<std::string>{"raft.commit_quorum"});
}

TEST_CASE("partition shape errors", "[scenario][issue3][errors]") {
  const std::string p = "phases[0].faults[0].partition";
  auto fault = [](const std::string& partition) {
    return with_faults("      - { at: 1s, partition: " + partition + " }\n");
  };
  auto small = [](uint32_t nodes, const std::string& partition) {
    return "name: t\ncluster: { nodes: " + std::to_string(nodes) +
           " }\nphases:\n  - name: p\n    duration: 10s\n    faults:\n      - { at: 1s, "
           "partition: " +
           partition + " }\n";
  };
  check_bad_cases({
      {fault("{ node: n1 }"), 7, p + ".shape", "missing required key 'shape'"},
      {fault("{ shape: star }"), 7, p + ".shape",
       "expected a partition shape: isolate, split, bridge, ring or one_way, got 'star'"},
      {fault("{ shape: isolate, nodes: n1 }"), 7, p + ".nodes",
       "unknown key 'nodes' (did you mean 'node'?); expected one of: shape, node"},
      {fault("{ shape: isolate, node: all }"), 7, p + ".node",
       "expected a node name (n1..n5) or 'leader', got 'all'"},
      {fault("{ shape: isolate, node: [n1] }"), 7, p + ".node", "got a list"},
      {fault("{ shape: isolate, node: n6 }"), 7, p + ".node", "undefined node 'n6'"},
      {small(1, "{ shape: isolate }"), 7, p + ".shape",
       "shape 'isolate' needs at least 2 nodes (cluster has 1)"},
      {fault("{ shape: split, minority: [n1, n2, n3] }"), 7, p + ".minority",
       "a minority has 1 to 2 nodes (floor((N-1)/2) with 5 nodes), got 3"},
      {fault("{ shape: split, minority: [] }"), 7, p + ".minority", "empty list"},
      {fault("{ shape: split, minority: [n1, n1] }"), 7, p + ".minority[1]",
       "node 'n1' is named twice"},
      {fault("{ shape: split, minority: [leader] }"), 7, p + ".minority[0]",
       "expected a node name (n1..n5) or a list of node names, got 'leader'"},
      {fault("{ shape: split, minorty: [n1] }"), 7, p + ".minorty", "did you mean 'minority'?"},
      {small(2, "{ shape: split }"), 7, p + ".shape",
       "shape 'split' needs at least 3 nodes (cluster has 2)"},
      {fault("{ shape: bridge, node: leader }"), 7, p + ".node",
       "expected a node name (n1..n5), got 'leader'"},
      {small(2, "{ shape: bridge }"), 7, p + ".shape", "shape 'bridge' needs at least 3 nodes"},
      {fault("{ shape: ring, node: n1 }"), 7, p + ".node",
       "unknown key 'node'; expected one of: shape"},
      {small(2, "{ shape: ring }"), 7, p + ".shape",
       "shape 'ring' needs at least 3 nodes (cluster has 2)"},
      {fault("{ shape: one_way, to: rest }"), 7, p + ".from", "missing required key 'from'"},
      {fault("{ shape: one_way, from: n1 }"), 7, p + ".to", "missing required key 'to'"},
      {fault("{ shape: one_way, from: [n1, n2], to: [n2] }"), 7, p + ".to[0]",
       "node 'n2' is named twice"},
      {fault("{ shape: one_way, from: leader, to: leader }"), 7, p + ".to",
       "node 'leader' is named twice"},
      {fault("{ shape: one_way, from: [], to: rest }"), 7, p + ".from", "empty list"},
      {fault("{ shape: one_way, from: rest, to: n1 }"), 7, p + ".from",
       "expected a node name (n1..n5), 'leader' or a list of them, got 'rest'"},
      {fault("{ shape: one_way, from: n1, to: [] }"), 7, p + ".to", "empty list"},
      {fault("{ shape: one_way, from: n1, to: all }"), 7, p + ".to",
       "expected a node name (n1..n5), 'leader' or a list of them, or 'rest', got 'all'"},
      {fault("{ shape: one_way, from: [n1, n2, n3, n4, n5], to: rest }"), 7, p + ".to",
       "group 'rest' is always empty"},
      {small(1, "{ shape: one_way, from: leader, to: rest }"), 7, p + ".to",
       "group 'rest' is always empty"},
      {fault("{ shape: one_way, form: n1, to: rest }"), 7, p + ".form", "did you mean 'from'?"},
      {fault("n1"), 7, p,
       "expected a list of at least two groups, such as [[leader], rest], or a shape map such as "
       "{ shape: isolate }, got 'n1'"},
  });
  // Accepted at the edges: a 3-node ring, a minority of floor((N-1)/2), a one_way rest that can
  // hold a node for some leader.
  CHECK(parse_ok(small(3, "{ shape: ring }")).phases[0].faults[0].shape == FaultSpec::Shape::ring);
  CHECK(parse_ok(small(2, "{ shape: isolate, node: n2 }")).phases[0].faults[0].targets.size() == 1);
  CHECK(parse_ok(fault("{ shape: split, minority: n5 }")).phases[0].faults[0].targets.size() == 1);
  CHECK(parse_ok(fault("{ shape: one_way, from: [leader, n1, n2], to: rest }"))
            .phases[0]
            .faults[0]
            .from.size() == 3);
}

TEST_CASE("clog, clock_jump, wipe, corrupt and disk_full errors", "[scenario][issue3][errors]") {
  const std::string f = "phases[0].faults[0]";
  auto fault = [](const std::string& action) {
    return with_faults("      - { at: 1s, " + action + " }\n");
  };
  check_bad_cases({
      {fault("clog: { duration: 1s }"), 7, f + ".clog",
       "a clog needs 'from' or 'to' (an absent side means every server)"},
      {fault("clog: { from: n1 }"), 7, f + ".clog.duration", "missing required key 'duration'"},
      {fault("clog: { from: n1, duration: 0s }"), 7, f + ".clog.duration",
       "must be greater than 0"},
      {fault("clog: { from: all, duration: 1s }"), 7, f + ".clog.from",
       "expected a node name (n1..n5), 'leader' or a list of node names, got 'all'"},
      {fault("clog: { to: [n1, leader], duration: 1s }"), 7, f + ".clog.to[1]",
       "expected a node name (n1..n5), got 'leader'"},
      {fault("clog: { to: [n1, n1], duration: 1s }"), 7, f + ".clog.to[1]",
       "node 'n1' is named twice"},
      {fault("clog: { from: n1, duraton: 1s }"), 7, f + ".clog.duraton",
       "did you mean 'duration'?"},
      {fault("clog: n1"), 7, f + ".clog", "expected a map such as { from: n1, to: [n2, n3]"},
      {fault("clock_jump: { node: n1, by: 0ms }"), 7, f + ".clock_jump.by",
       "a clock jump must not be 0, got '0ms'"},
      {fault("clock_jump: { node: n1, by: -0s }"), 7, f + ".clock_jump.by",
       "a clock jump must not be 0"},
      {fault("clock_jump: { node: n1 }"), 7, f + ".clock_jump.by", "missing required key 'by'"},
      {fault("clock_jump: { by: 1s }"), 7, f + ".clock_jump.node", "missing required key 'node'"},
      {fault("clock_jump: { node: [n1], by: 1s }"), 7, f + ".clock_jump.node",
       "expected a node name (n1..n5), 'leader' or 'all', got a list"},
      {fault("clock_jump: { node: n1, by: 1 }"), 7, f + ".clock_jump.by", "missing unit"},
      {fault("clock_jump: { node: n1, by: 1s, to: n2 }"), 7, f + ".clock_jump.to",
       "unknown key 'to' (did you mean 'by'?); expected one of: node, by"},
      {fault("wipe: leader"), 7, f + ".wipe",
       "expected a node name (n1..n5) or a list of node names, got 'leader'"},
      {fault("wipe: [n1, n1]"), 7, f + ".wipe[1]", "node 'n1' is named twice"},
      {fault("wipe: []"), 7, f + ".wipe", "empty list"},
      {fault("wipe: n7"), 7, f + ".wipe", "undefined node 'n7'"},
      {fault("corrupt: leader"), 7, f + ".corrupt", "expected a node name (n1..n5), got 'leader'"},
      {fault("corrupt: { node: n1, records: 0 }"), 7, f + ".corrupt.records",
       "expected an integer from 1 to 1000, got '0'"},
      {fault("corrupt: { node: n1, records: 1001 }"), 7, f + ".corrupt.records",
       "expected an integer from 1 to 1000"},
      {fault("corrupt: { records: 2 }"), 7, f + ".corrupt.node", "missing required key 'node'"},
      {fault("corrupt: { node: n1, record: 2 }"), 7, f + ".corrupt.record",
       "did you mean 'records'?"},
      {fault("corrupt: [n1, n2]"), 7, f + ".corrupt", "expected a node name (n1..n5), got a list"},
      {fault("disk_full: { node: n1 }"), 7, f + ".disk_full.duration",
       "missing required key 'duration'"},
      {fault("disk_full: { node: rest, duration: 1s }"), 7, f + ".disk_full.node",
       "expected a node name (n1..n5), 'leader' or 'all', got 'rest'"},
      {fault("disk_full: { node: n1, duration: 0s }"), 7, f + ".disk_full.duration",
       "must be greater than 0"},
      {fault("disk_full: n1"), 7, f + ".disk_full", "expected a map such as { node: n1"},
      {fault("wipe: n1, corrupt: n2"), 7, f + ".corrupt",
       "a fault has exactly one action, found 'wipe' and 'corrupt'"},
      {fault("clock_jmp: { node: n1, by: 1s }"), 7, f + ".clock_jmp",
       "unknown key 'clock_jmp' (did you mean 'clock_jump'?)"},
      {with_faults("      - { at: 1s }\n"), 7, f,
       "missing action: expected one of partition, heal, crash, restart, clog, clock_jump, wipe, "
       "corrupt, disk_full"},
  });
}

TEST_CASE("nemesis errors", "[scenario][issue3][errors]") {
  const std::string n = "phases[0].nemesis";
  check_bad_cases({
      {with_nemesis("      crash: 0.5\n"), 7, n + ".crash",
       "expected a rate such as 0.5/s or 2/s (0/s to 1000/s, at most 9 decimals), got '0.5'"},
      {with_nemesis("      crash: 1001/s\n"), 7, n + ".crash", "expected a rate"},
      {with_nemesis("      partition: -1/s\n"), 7, n + ".partition", "expected a rate"},
      {with_nemesis("      clog: [1/s]\n"), 7, n + ".clog", "expected a rate"},
      {with_nemesis("      crashes: 1/s\n"), 7, n + ".crashes",
       "unknown key 'crashes' (did you mean 'crash'?)"},
      {with_nemesis("      max_fauty: 2\n"), 7, n + ".max_fauty", "did you mean 'max_faulty'?"},
      {with_nemesis("      fault_duration: [0s, 1s]\n"), 7, n + ".fault_duration[0]",
       "must be greater than 0"},
      {with_nemesis("      fault_duration: [2s, 1s]\n"), 7, n + ".fault_duration[1]",
       "max must be at least min (2s), got '1s'"},
      {with_nemesis("      fault_duration: 1s\n"), 7, n + ".fault_duration",
       "expected [min, max] such as [500ms, 3s], got '1s'"},
      {with_nemesis("      clock_jump_max: 0s\n"), 7, n + ".clock_jump_max",
       "must be greater than 0"},
      {with_nemesis("      max_faulty: 5\n"), 7, n + ".max_faulty",
       "expected an integer from 0 to 4, got '5'"},
      {header + "phases:\n  - { name: p, duration: 5s, nemesis: 1/s }\n", 4, n,
       "expected a map such as { crash: 0.5/s, partition: 0.2/s }"},
      {header + "phases:\n  - name: p\n    duration: 5s\n    expect: { leader_within: 1s }\n"
                "    nemesis: { crash: 1/s }\n",
       7, n, "a liveness phase (one with expect) cannot have a nemesis"},
      {header + "phases:\n  - name: p\n    duration: 5s\n    nemesis: { crash: 1/s }\n"
                "    expect: { max_leader_changes: 1 }\n",
       6, n, "a liveness phase (one with expect) cannot have a nemesis"},
      {header + "phases:\n  - { name: p, duration: 5s, nemsis: {} }\n", 4, "phases[0].nemsis",
       "did you mean 'nemesis'?"},
  });
  Scenario zero_budget = parse_ok(with_nemesis("      max_faulty: 0\n"));
  CHECK(zero_budget.phases.at(0).nemesis->max_faulty == 0);
  Scenario full_budget = parse_ok(with_nemesis("      max_faulty: 4\n"));
  CHECK(full_budget.phases.at(0).nemesis->max_faulty == 4);
}

namespace {

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

}  // namespace

TEST_CASE("fuzz: the issue 3 scenario truncated or mutated never crashes",
          "[scenario][issue3][fuzz]") {
  std::string text = read_fixture("valid_issue3.yaml");
  REQUIRE(text.size() > 100);
  for (size_t length = 0; length <= text.size(); ++length) {
    check_outcome_is_sane(text.substr(0, length));
  }
  const std::string interesting = "[]{}:,-#&*!|>'\"\n\t ?%@`0123456789nsmhbpBKMGi/.\\";
  Rng rng(20240602);
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

}  // namespace faultline
