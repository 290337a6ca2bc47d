// File: nemesis_timeline_parser.h
// Reads `phases[i].nemesis.timeline`: the decisions of a nemesis written out one per arrival
// (what `faultline run --emit-scenario` writes), replayed exactly instead of drawn. Owns the
// rules that make a replay safe whatever was edited or removed: every server number is in
// 1..nodes, every list is sorted and duplicate-free, every shape fits the cluster (the
// Reachability builders and Cluster::clog never see an argument they would reject), `at` is in
// [0, phase duration), durations are > 0, a clock jump is != 0, and a skip names a fault kind, a
// known reason and a traceable target.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "sim/base/nemesis_decision.h"
#include "sim/scenario/node_target_parser.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

// The entries in file order. Entry forms (at relative to the phase start):
//   { at: 1.2s, crash: n3, duration: 2.1s }            (torn_crash, disk_full alike)
//   { at: 1.2s, partition: { shape: isolate, node: n3 }, duration: 2s }
//   { at: 1.2s, partition: { shape: split, minority: [n1, n2] }, duration: 2s }
//   { at: 1.2s, partition: { shape: bridge, node: n3, halves: [[n1, n2], [n4, n5]] }, ... }
//   { at: 1.2s, partition: { shape: ring }, duration: 2s }
//   { at: 1.2s, partition: { shape: one_way, from: [n1], to: [n2, n3] }, duration: 2s }
//   { at: 1.2s, clog: { shape: pair, from: [n1], to: [n2] }, duration: 2s }  (inbound, outbound)
//   { at: 1.2s, clock_jump: n1, by: -300ms }
//   { at: 1.2s, corrupt: n2 }   { at: 1.2s, wipe: n1 }
//   { at: 1.2s, skip: crash, reason: budget, target: n2, faulty: 3 }
Result<std::vector<NemesisDecision>> parse_nemesis_timeline(const YamlField& field,
                                                            Duration phase_duration,
                                                            const NodeTargetParser& targets);

// The reasons a timeline's skip may carry: those the random nemesis traces (budget, no_target,
// partitioned) and those the scripted one adds when an entry's precondition no longer holds.
inline constexpr std::array<std::string_view, 6> nemesis_skip_reasons = {
    "budget", "no_target", "partitioned", "already_down", "already_damaged", "already_full"};

}  // namespace faultline
