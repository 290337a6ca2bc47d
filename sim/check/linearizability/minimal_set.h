// File: minimal_set.h
// Shrinks a key's non-linearizable history to a small set of its operations that still cannot be
// linearized: first the shortest prefix (by call) that fails, then greedy passes that drop one
// operation at a time, together with the operations that observed a value only it wrote (without
// it they would fail for a reason of our own making), until no drop keeps it failing. The result
// is minimal in that sense: dropping any one member with its group (drop_group) leaves a
// linearizable history.
// Every search is bounded; when the budget runs out the set found so far is returned, marked not
// minimal.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/check/linearizability/model.h"
#include "sim/check/linearizability/operation.h"

namespace faultline::linearizability {

struct MinimalSet {
  std::vector<const Operation*> operations;  // in the order given (by call)
  bool minimal = true;
  uint64_t states_explored = 0;
};

// The operations dropped with `kept[candidate]`: itself, and every operation that observed a
// value (a read's result, a successful cas's FROM) that only dropped operations wrote, to a
// fixpoint. A get that returned "ab" after appends of "a" and "b" goes with either append.
// `appends_present`: the key's whole history has appends (observation.h reads_from).
std::vector<bool> drop_group(const std::vector<const Operation*>& kept, size_t candidate,
                             bool appends_present);

// `operations`: one key's operations in call order, known not to be linearizable.
// `max_states`: all the searches together; `max_memo_bytes`: each search.
MinimalSet find_minimal_set(const std::vector<const Operation*>& operations, const Model& model,
                            uint64_t max_states, uint64_t max_memo_bytes);

}  // namespace faultline::linearizability
