// File: nemesis_helpers.h
// Small helpers shared by nemesis.cc (arrivals, budget, undo) and nemesis_faults.cc (the faults
// themselves), internal to the nemesis: server numbers to ids and names, a kind's array index.
#pragma once

#include <cstddef>
#include <string>

#include "sim/base/nemesis_decision.h"
#include "sim/base/node_id.h"
#include "sim/base/ratio.h"

namespace faultline::nemesis_detail {

inline constexpr Ratio one_half{1, 2};

inline size_t index_of(FaultKind kind) {
  return static_cast<size_t>(kind);
}

inline NodeId server(uint32_t number) {
  return NodeId::server(number);
}

// "n3" for server number 3.
inline std::string node_name(uint32_t number) {
  return "n" + std::to_string(number);
}

}  // namespace faultline::nemesis_detail
