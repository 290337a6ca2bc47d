// File: state_table.h
// Model states by number: each distinct state (a register's value, a key's string) is stored
// once and named by a dense id, so the memo keeps 8 bytes per state whatever its length; each
// (state, operation) transition is computed once and remembered. The lookup maps are only
// searched, never iterated.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "sim/check/linearizability/model.h"
#include "sim/check/linearizability/operation.h"

namespace faultline::linearizability {

class StateTable {
 public:
  // `operations`: the partition's operations, numbered by position.
  StateTable(const Model& model, const std::vector<const Operation*>& operations);

  uint32_t initial() const { return 0; }
  // The state after operation number `operation` from state `state`, or nullopt if illegal.
  std::optional<uint32_t> step(uint32_t state, uint32_t operation);

  uint64_t states() const { return states_.size(); }
  // Approximate memory held (values, maps).
  uint64_t bytes() const;

 private:
  uint32_t intern(Value value);

  const Model& model_;
  const std::vector<const Operation*>& operations_;
  std::vector<Value> states_;
  std::unordered_map<Value, uint32_t> ids_;
  uint64_t value_bytes_ = 0;
  // (state << 32 | operation) -> next state + 1, or 0 when illegal.
  std::unordered_map<uint64_t, uint32_t> transitions_;
};

}  // namespace faultline::linearizability
