// File: partition_search.h
// The Wing-Gong search over the operations of one key (Wing and Gong 1993, with Lowe's memo,
// "Testing for linearizability", 2017, section 4): walk the calls and returns in real-time order;
// at a call, try to linearize that operation now (its model step is legal and the resulting
// configuration is new); at the return of an operation not yet linearized, undo the most recent
// choice. Indeterminate operations have no return: they may be linearized at any point after
// their call, and the search succeeds once only such operations remain, so they may also never
// take effect.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/check/linearizability/model.h"
#include "sim/check/linearizability/operation.h"

namespace faultline::linearizability {

enum class SearchOutcome : uint8_t { linearizable, not_linearizable, limit_reached };

struct SearchResult {
  SearchOutcome outcome = SearchOutcome::linearizable;
  uint64_t states_explored = 0;  // configurations added to the memo
  uint64_t memo_entries = 0;
  uint64_t memo_bytes = 0;  // memo plus the state table, approximately
};

struct SearchLimits {
  uint64_t max_states = 0;      // configurations added to the memo
  uint64_t max_memo_bytes = 0;  // memory of the memo and the state table
};

// Searches for a linearization of `operations` (one key's, any order; ties in real time are
// broken by position, so the result is deterministic). Stops with limit_reached beyond either
// limit.
SearchResult search_partition(const std::vector<const Operation*>& operations, const Model& model,
                              SearchLimits limits);

}  // namespace faultline::linearizability
