// File: nemesis_decision.cc
// Names of the fault kinds and shapes (nemesis_decision.h).
#include "sim/base/nemesis_decision.h"

namespace faultline {

std::string_view fault_kind_name(FaultKind kind) {
  switch (kind) {
    case FaultKind::crash:
      return "crash";
    case FaultKind::partition:
      return "partition";
    case FaultKind::clog:
      return "clog";
    case FaultKind::clock_jump:
      return "clock_jump";
    case FaultKind::torn_crash:
      return "torn_crash";
    case FaultKind::corrupt:
      return "corrupt";
    case FaultKind::wipe:
      return "wipe";
    case FaultKind::disk_full:
      return "disk_full";
  }
  return "?";
}

std::optional<FaultKind> fault_kind_from_name(std::string_view name) {
  for (FaultKind kind : all_fault_kinds) {
    if (fault_kind_name(kind) == name) {
      return kind;
    }
  }
  return std::nullopt;
}

std::string_view partition_shape_name(PartitionShape shape) {
  switch (shape) {
    case PartitionShape::isolate:
      return "isolate";
    case PartitionShape::split:
      return "split";
    case PartitionShape::bridge:
      return "bridge";
    case PartitionShape::ring:
      return "ring";
    case PartitionShape::one_way:
      return "one_way";
  }
  return "?";
}

std::string_view clog_shape_name(ClogShape shape) {
  switch (shape) {
    case ClogShape::pair:
      return "pair";
    case ClogShape::inbound:
      return "inbound";
    case ClogShape::outbound:
      return "outbound";
  }
  return "?";
}

bool fault_kind_has_duration(FaultKind kind) {
  switch (kind) {
    case FaultKind::crash:
    case FaultKind::torn_crash:
    case FaultKind::partition:
    case FaultKind::clog:
    case FaultKind::disk_full:
      return true;
    case FaultKind::clock_jump:
    case FaultKind::corrupt:
    case FaultKind::wipe:
      return false;
  }
  return false;
}

}  // namespace faultline
