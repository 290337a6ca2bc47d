// File: state_table.cc
// Interning of model states and the transition cache.
#include "sim/check/linearizability/state_table.h"

#include <utility>

#include "sim/base/check.h"

namespace faultline::linearizability {

StateTable::StateTable(const Model& model, const std::vector<const Operation*>& operations)
    : model_(model), operations_(operations) {
  intern(model.initial_state());
}

uint32_t StateTable::intern(Value value) {
  auto found = ids_.find(value);
  if (found != ids_.end()) {
    return found->second;
  }
  FL_CHECK(states_.size() < UINT32_MAX - 1, "too many model states");
  auto id = static_cast<uint32_t>(states_.size());
  value_bytes_ += value ? value->capacity() : 0;
  states_.push_back(value);
  ids_.emplace(std::move(value), id);
  return id;
}

std::optional<uint32_t> StateTable::step(uint32_t state, uint32_t operation) {
  uint64_t key = (static_cast<uint64_t>(state) << 32) | operation;
  auto found = transitions_.find(key);
  if (found != transitions_.end()) {
    if (found->second == 0) {
      return std::nullopt;
    }
    return found->second - 1;
  }
  std::optional<Value> next = model_.step(states_[state], *operations_[operation]);
  std::optional<uint32_t> result;
  if (next) {
    result = intern(std::move(*next));
  }
  transitions_.emplace(key, result ? *result + 1 : 0);
  return result;
}

uint64_t StateTable::bytes() const {
  // Each map node holds its key and value plus about two pointers.
  return value_bytes_ * 2 + states_.capacity() * sizeof(Value) +
         ids_.size() * (sizeof(Value) + 4 + 2 * sizeof(void*)) +
         transitions_.size() * (8 + 4 + 2 * sizeof(void*));
}

}  // namespace faultline::linearizability
