// File: nemesis_decision.h
// What one nemesis arrival decided (issue 6, `run --emit-scenario`): the fault kinds, and a
// decision record precise enough to replay the arrival exactly: an injection with its concrete
// targets, shape and duration, or a skip with its traced reason and target. The random nemesis
// (sim/cluster/nemesis.h) records one per arrival, the scenario's `nemesis: { timeline: [...] }`
// (sim/scenario) is a list of them, and the scripted nemesis replays them. Plain data shared by
// those three, so it lives here rather than in any one of them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/base/time.h"

namespace faultline {

enum class FaultKind : uint8_t {
  crash,
  partition,
  clog,
  clock_jump,
  torn_crash,
  corrupt,
  wipe,
  disk_full,
};
inline constexpr size_t fault_kind_count = 8;
inline constexpr std::array<FaultKind, fault_kind_count> all_fault_kinds = {
    FaultKind::crash,      FaultKind::partition, FaultKind::clog, FaultKind::clock_jump,
    FaultKind::torn_crash, FaultKind::corrupt,   FaultKind::wipe, FaultKind::disk_full};

// "crash", "partition", ...: the scenario key, and the trace event name nemesis.<name>.
std::string_view fault_kind_name(FaultKind kind);
// The kind named `name`; nullopt for anything else.
std::optional<FaultKind> fault_kind_from_name(std::string_view name);

// The partition shapes the nemesis draws from (Jepsen's vocabulary, models/network/reachability.h).
enum class PartitionShape : uint8_t { isolate, split, bridge, ring, one_way };
inline constexpr std::array<PartitionShape, 5> all_partition_shapes = {
    PartitionShape::isolate, PartitionShape::split, PartitionShape::bridge, PartitionShape::ring,
    PartitionShape::one_way};
std::string_view partition_shape_name(PartitionShape shape);

// A clog of one ordered pair, of every path into one server, or of every path out of it.
enum class ClogShape : uint8_t { pair, inbound, outbound };
inline constexpr std::array<ClogShape, 3> all_clog_shapes = {ClogShape::pair, ClogShape::inbound,
                                                             ClogShape::outbound};
std::string_view clog_shape_name(ClogShape shape);

// One arrival of one fault kind. Server numbers are 1-based; every list is sorted ascending.
struct NemesisDecision {
  FaultKind kind = FaultKind::crash;
  Duration at;  // since the start of the phase

  // A skip: the arrival acted on nothing. `reason` and `target` are traced as they are
  // (nemesis.skip action=<kind> reason=<reason> target=<target> [faulty=<faulty>]).
  bool skipped = false;
  std::string reason;              // budget, no_target, partitioned, already_down, ...
  std::string target;              // "n3", "n1,n2", "n3:n1,n2|n4,n5", "n1->n2", "-"
  std::optional<uint32_t> faulty;  // reason budget: the faulty count the fault would have made

  // An injection.
  // crash, torn_crash, clock_jump, corrupt, wipe, disk_full: the server; partition isolate: the
  // isolated server; partition bridge: the bridge server.
  uint32_t node = 0;
  PartitionShape partition_shape = PartitionShape::isolate;  // partition
  ClogShape clog_shape = ClogShape::pair;                    // clog
  // partition split: `from` is the minority; bridge: `from` and `to` are the two halves;
  // one_way and clog: messages from `from` to `to` are dropped / held.
  std::vector<uint32_t> from;
  std::vector<uint32_t> to;
  Duration duration;  // crash, torn_crash, partition, clog, disk_full: how long it lasts
  Duration by;        // clock_jump: the signed jump

  friend bool operator==(const NemesisDecision&, const NemesisDecision&) = default;
};

// Whether an injection of `kind` carries a duration (its undo comes after it).
bool fault_kind_has_duration(FaultKind kind);

}  // namespace faultline
