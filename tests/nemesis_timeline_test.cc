// File: nemesis_timeline_test.cc
// `phases[i].nemesis.timeline` (issue 6): every entry form parses to exact decisions, and every
// rule's error names the file, line and key (unknown keys, wrong types, bad node names,
// out-of-range values, shapes that do not fit the cluster, a timeline beside rates).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/scenario/scenario_parser.h"

namespace faultline {
namespace {

// Line 8 is the first timeline entry; 5 nodes, a 10s phase.
std::string with_timeline(const std::string& entries, uint32_t nodes = 5) {
  return "name: t\ncluster: { nodes: " + std::to_string(nodes) +
         " }\nphases:\n  - name: p\n    duration: 10s\n    nemesis:\n      timeline:\n" + entries;
}

std::vector<NemesisDecision> parse_timeline(const std::string& entries, uint32_t nodes = 5) {
  Result<Scenario> result = parse_scenario(with_timeline(entries, nodes), "inline.yaml");
  if (!result.ok()) {
    FAIL(result.error().to_string());
  }
  REQUIRE(result->phases[0].nemesis);
  REQUIRE(result->phases[0].nemesis->timeline);
  return *result->phases[0].nemesis->timeline;
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

std::string one(const std::string& entry) {
  return "        - " + entry + "\n";
}

}  // namespace

TEST_CASE("nemesis timeline: every entry form parses to its exact decision",
          "[scenario][timeline]") {
  std::vector<NemesisDecision> timeline = parse_timeline(
      one("{ at: 1.204518833s, crash: n3, duration: 2100000000ns }") +
      one("{ at: 0s, torn_crash: n5, duration: 1ms }") +
      one("{ at: 2s, partition: { shape: isolate, node: n2 }, duration: 1s }") +
      one("{ at: 2s, partition: { shape: split, minority: [n4, n1] }, duration: 1s }") +
      one("{ at: 2s, partition: { shape: bridge, node: n3, halves: [[n5, n1], [n2, n4]] }, "
          "duration: 1s }") +
      one("{ at: 2s, partition: { shape: ring }, duration: 1s }") +
      one("{ at: 2s, partition: { shape: one_way, from: n2, to: [n1, n3] }, duration: 1s }") +
      one("{ at: 3s, clog: { shape: pair, from: [n1], to: [n2] }, duration: 500ms }") +
      one("{ at: 3s, clog: { shape: inbound, from: [n1, n2, n4, n5], to: n3 }, duration: 1s }") +
      one("{ at: 3s, clog: { shape: outbound, from: n3, to: [n1, n2, n4, n5] }, duration: 1s }") +
      one("{ at: 4s, clock_jump: n1, by: -300ms }") + one("{ at: 5s, corrupt: n2 }") +
      one("{ at: 5s, wipe: n4 }") + one("{ at: 6s, disk_full: n5, duration: 2s }") +
      one("{ at: 7s, skip: crash, reason: budget, target: n2, faulty: 3 }") +
      one("{ at: 7s, skip: partition, reason: budget, target: 'n3:n1,n2|n4,n5', faulty: 4 }") +
      one("{ at: 8s, skip: clog, reason: no_target, target: '-' }") +
      one("{ at: 9.999999999s, skip: wipe, reason: already_damaged, target: n4 }"));
  REQUIRE(timeline.size() == 18);
  const NemesisDecision& crash = timeline[0];
  CHECK(crash.kind == FaultKind::crash);
  CHECK(crash.at.ns == 1'204'518'833);
  CHECK(crash.node == 3);
  CHECK(crash.duration.ns == 2'100'000'000);
  CHECK_FALSE(crash.skipped);
  CHECK(timeline[1].kind == FaultKind::torn_crash);
  CHECK(timeline[1].at.ns == 0);
  CHECK(timeline[2].partition_shape == PartitionShape::isolate);
  CHECK(timeline[2].node == 2);
  // Lists are sorted.
  CHECK(timeline[3].partition_shape == PartitionShape::split);
  CHECK(timeline[3].from == std::vector<uint32_t>{1, 4});
  CHECK(timeline[4].partition_shape == PartitionShape::bridge);
  CHECK(timeline[4].node == 3);
  CHECK(timeline[4].from == std::vector<uint32_t>{1, 5});
  CHECK(timeline[4].to == std::vector<uint32_t>{2, 4});
  CHECK(timeline[5].partition_shape == PartitionShape::ring);
  CHECK(timeline[6].partition_shape == PartitionShape::one_way);
  CHECK(timeline[6].from == std::vector<uint32_t>{2});
  CHECK(timeline[6].to == std::vector<uint32_t>{1, 3});
  CHECK(timeline[7].kind == FaultKind::clog);
  CHECK(timeline[7].clog_shape == ClogShape::pair);
  CHECK(timeline[7].duration.ns == 500'000'000);
  CHECK(timeline[8].clog_shape == ClogShape::inbound);
  CHECK(timeline[8].to == std::vector<uint32_t>{3});
  CHECK(timeline[9].clog_shape == ClogShape::outbound);
  CHECK(timeline[10].kind == FaultKind::clock_jump);
  CHECK(timeline[10].by.ns == -300'000'000);
  CHECK(timeline[11].kind == FaultKind::corrupt);
  CHECK(timeline[12].kind == FaultKind::wipe);
  CHECK(timeline[12].node == 4);
  CHECK(timeline[13].kind == FaultKind::disk_full);
  const NemesisDecision& skip = timeline[14];
  CHECK(skip.skipped);
  CHECK(skip.kind == FaultKind::crash);
  CHECK(skip.reason == "budget");
  CHECK(skip.target == "n2");
  CHECK(skip.faulty == 3u);
  CHECK(timeline[15].target == "n3:n1,n2|n4,n5");
  CHECK(timeline[16].reason == "no_target");
  CHECK_FALSE(timeline[16].faulty);
  CHECK(timeline[17].at.ns == 9'999'999'999);
  // An empty timeline is a nemesis that does nothing.
  CHECK(parse_timeline("        []\n").empty());
}

TEST_CASE("nemesis timeline: errors name file, line and key", "[scenario][timeline][errors]") {
  const std::string t = "phases[0].nemesis.timeline";
  const std::string e = t + "[0]";
  auto bad = [](const std::string& entry) { return with_timeline(one(entry)); };
  auto small = [](uint32_t nodes, const std::string& entry) {
    return with_timeline(one(entry), nodes);
  };
  check_bad_cases({
      // The timeline itself.
      {with_timeline("        { at: 1s }\n"), 8, t, "expected a list of timeline entries"},
      {"name: t\ncluster: { nodes: 5 }\nphases:\n  - name: p\n    duration: 10s\n    nemesis:\n"
       "      crash: 1/s\n      timeline: []\n",
       7, "phases[0].nemesis.crash", "'crash' cannot be given with 'timeline'"},
      {"name: t\ncluster: { nodes: 5 }\nphases:\n  - name: p\n    duration: 10s\n    nemesis:\n"
       "      timeline: []\n      max_faulty: 1\n",
       8, "phases[0].nemesis.max_faulty", "'max_faulty' cannot be given with 'timeline'"},
      {"name: t\ncluster: { nodes: 5 }\nphases:\n  - name: p\n    duration: 10s\n    nemesis:\n"
       "      timelime: []\n",
       7, "phases[0].nemesis.timelime", "did you mean 'timeline'?"},
      // at and the action.
      {bad("n1"), 8, e, "expected a timeline entry"},
      {bad("{ crash: n1, duration: 1s }"), 8, e + ".at", "missing required key 'at'"},
      {bad("{ at: 10s, crash: n1, duration: 1s }"), 8, e + ".at",
       "must be less than the phase duration (10s), got '10s'"},
      {bad("{ at: -1s, crash: n1, duration: 1s }"), 8, e + ".at", "negative"},
      {bad("{ at: 1s }"), 8, e, "missing action: expected one of crash, torn_crash"},
      {bad("{ at: 1s, crash: n1, wipe: n2 }"), 8, e + ".wipe",
       "exactly one action, found 'crash' and 'wipe'"},
      {bad("{ at: 1s, crsh: n1 }"), 8, e + ".crsh", "did you mean 'crash'?"},
      // Node names.
      {bad("{ at: 1s, crash: n6, duration: 1s }"), 8, e + ".crash",
       "undefined node 'n6' (cluster has 5 nodes: n1..n5)"},
      {bad("{ at: 1s, crash: leader, duration: 1s }"), 8, e + ".crash",
       "expected a node name (n1..n5), got 'leader'"},
      {bad("{ at: 1s, crash: [n1], duration: 1s }"), 8, e + ".crash", "got a list"},
      {bad("{ at: 1s, wipe: n0 }"), 8, e + ".wipe", "undefined node 'n0'"},
      // Per-action keys.
      {bad("{ at: 1s, crash: n1 }"), 8, e + ".duration", "missing required key 'duration'"},
      {bad("{ at: 1s, crash: n1, duration: 0s }"), 8, e + ".duration", "greater than 0"},
      {bad("{ at: 1s, crash: n1, duration: 1s, by: 1s }"), 8, e + ".by",
       "unknown key 'by' (did you mean 'at'?); expected one of: at, crash, duration"},
      {bad("{ at: 1s, wipe: n1, duration: 1s }"), 8, e + ".duration",
       "unknown key 'duration'; expected one of: at, wipe"},
      {bad("{ at: 1s, clock_jump: n1 }"), 8, e + ".by", "missing required key 'by'"},
      {bad("{ at: 1s, clock_jump: n1, by: 0ms }"), 8, e + ".by", "a clock jump must not be 0"},
      {bad("{ at: 1s, clock_jump: n1, by: fast }"), 8, e + ".by", "fast"},
      {bad("{ at: 1s, disk_full: n1, duration: [1s] }"), 8, e + ".duration", "got a list"},
      // Partitions.
      {bad("{ at: 1s, partition: ring, duration: 1s }"), 8, e + ".partition",
       "expected a partition shape map"},
      {bad("{ at: 1s, partition: { shape: star }, duration: 1s }"), 8, e + ".partition.shape",
       "expected a partition shape: isolate, split, bridge, ring or one_way, got 'star'"},
      {bad("{ at: 1s, partition: { shape: isolate }, duration: 1s }"), 8, e + ".partition.node",
       "missing required key 'node'"},
      {bad("{ at: 1s, partition: { shape: isolate, node: leader }, duration: 1s }"), 8,
       e + ".partition.node", "got 'leader'"},
      {small(1, "{ at: 1s, partition: { shape: isolate, node: n1 }, duration: 1s }"), 8,
       e + ".partition.shape", "shape 'isolate' needs at least 2 nodes (cluster has 1)"},
      {bad("{ at: 1s, partition: { shape: split, minority: [n1, n2, n3] }, duration: 1s }"), 8,
       e + ".partition.minority", "a minority has 1 to 2 nodes"},
      {bad("{ at: 1s, partition: { shape: split, minority: [n1, n1] }, duration: 1s }"), 8,
       e + ".partition.minority[1]", "node 'n1' is named twice"},
      {bad("{ at: 1s, partition: { shape: bridge, node: n3, halves: [[n1, n2], [n4]] }, "
           "duration: 1s }"),
       8, e + ".partition.halves",
       "the halves must hold every node but the bridge n3 exactly once: expected [n1, n2, n4, "
       "n5] together"},
      {bad("{ at: 1s, partition: { shape: bridge, node: n3, halves: [[n1, n3], [n2, n4, n5]] }, "
           "duration: 1s }"),
       8, e + ".partition.halves", "every node but the bridge n3 exactly once"},
      {bad("{ at: 1s, partition: { shape: bridge, node: n3, halves: [[n1, n2, n4, n5]] }, "
           "duration: 1s }"),
       8, e + ".partition.halves", "expected two lists of node names"},
      {bad("{ at: 1s, partition: { shape: bridge, node: n3 }, duration: 1s }"), 8,
       e + ".partition.halves", "missing required key 'halves'"},
      {bad("{ at: 1s, partition: { shape: ring, node: n1 }, duration: 1s }"), 8,
       e + ".partition.node", "unknown key 'node'; expected one of: shape"},
      {bad("{ at: 1s, partition: { shape: one_way, from: [n1, n2], to: [n2] }, duration: 1s }"), 8,
       e + ".partition.to", "a node cannot be on both sides"},
      {bad("{ at: 1s, partition: { shape: one_way, from: n1, to: rest }, duration: 1s }"), 8,
       e + ".partition.to", "got 'rest'"},
      // Clogs.
      {bad("{ at: 1s, clog: { shape: pair, from: n1 }, duration: 1s }"), 8, e + ".clog.to",
       "missing required key 'to'"},
      {bad("{ at: 1s, clog: { shape: pair, from: [n1, n2], to: n3 }, duration: 1s }"), 8,
       e + ".clog.from", "expected one node name"},
      {bad("{ at: 1s, clog: { shape: pair, from: n1, to: n1 }, duration: 1s }"), 8, e + ".clog.to",
       "a pair clog needs two different nodes, got n1 twice"},
      {bad("{ at: 1s, clog: { shape: inbound, from: [n1, n2], to: n3 }, duration: 1s }"), 8,
       e + ".clog.from", "an inbound clog of n3 has every other node here: [n1, n2, n4, n5]"},
      {bad("{ at: 1s, clog: { shape: outbound, from: n3, to: [n1, n2, n3, n4, n5] }, duration: "
           "1s }"),
       8, e + ".clog.to", "an outbound clog of n3 has every other node here: [n1, n2, n4, n5]"},
      {bad("{ at: 1s, clog: { shape: fan, from: n1, to: n2 }, duration: 1s }"), 8,
       e + ".clog.shape", "expected a clog shape: pair, inbound or outbound, got 'fan'"},
      {bad("{ at: 1s, clog: { shape: pair, from: n1, to: n2, until: 2s }, duration: 1s }"), 8,
       e + ".clog.until", "unknown key 'until'"},
      {small(1, "{ at: 1s, clog: { shape: pair, from: n1, to: n1 }, duration: 1s }"), 8,
       e + ".clog.shape", "needs at least 2 nodes"},
      // Skips.
      {bad("{ at: 1s, skip: nap, reason: budget, target: n1, faulty: 3 }"), 8, e + ".skip",
       "expected a fault kind: crash, partition"},
      {bad("{ at: 1s, skip: crash, target: n1 }"), 8, e + ".reason",
       "missing required key 'reason'"},
      {bad("{ at: 1s, skip: crash, reason: tired, target: n1 }"), 8, e + ".reason",
       "expected a reason: budget, no_target, partitioned, already_down, already_damaged, "
       "already_full, got 'tired'"},
      {bad("{ at: 1s, skip: crash, reason: no_target }"), 8, e + ".target",
       "missing required key 'target'"},
      {bad("{ at: 1s, skip: crash, reason: no_target, target: 'n1 n2' }"), 8, e + ".target",
       "expected a target such as n3"},
      {bad("{ at: 1s, skip: crash, reason: budget, target: n1 }"), 8, e + ".faulty",
       "missing required key 'faulty'"},
      {bad("{ at: 1s, skip: crash, reason: budget, target: n1, faulty: 6 }"), 8, e + ".faulty",
       "6"},
      {bad("{ at: 1s, skip: crash, reason: no_target, target: '-', faulty: 2 }"), 8, e + ".faulty",
       "'faulty' belongs to a skip with reason budget only"},
      {bad("{ at: 1s, skip: crash, reason: budget, target: n1, faulty: 2, duration: 1s }"), 8,
       e + ".duration", "unknown key 'duration'"},
  });
}

TEST_CASE("nemesis timeline: a liveness phase still takes no nemesis", "[scenario][timeline]") {
  Result<Scenario> result = parse_scenario(
      "name: t\ncluster: { nodes: 3 }\nphases:\n  - name: p\n    duration: 10s\n    expect: { "
      "leader_within: 1s }\n    nemesis: { timeline: [] }\n",
      "inline.yaml");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().line == 7);
  CHECK_THAT(result.error().message, Catch::Contains("cannot have a nemesis"));
}

}  // namespace faultline
