// File: minimal_set.cc
// Prefix bisection, then greedy deletion passes to a fixpoint (delta debugging's 1-minimality,
// Zeller and Hildebrandt 2002, with groups of one operation and its readers).
#include "sim/check/linearizability/minimal_set.h"

#include <algorithm>

#include "sim/check/linearizability/observation.h"
#include "sim/check/linearizability/partition_search.h"

namespace faultline::linearizability {

namespace {

// Whether `reader` also observed a value equal to `writer`'s from some operation outside
// `group` (an append only stands in for an append).
bool has_other_source(const Operation& reader, const Operation& writer,
                      const std::vector<const Operation*>& kept, const std::vector<bool>& group,
                      bool appends_present) {
  for (size_t index = 0; index < kept.size(); ++index) {
    const Operation& other = *kept[index];
    bool both_append =
        (other.function == Function::append) == (writer.function == Function::append);
    if (!group[index] && both_append && reads_from(reader, other, appends_present) &&
        *written_value(other) == *written_value(writer)) {
      return true;
    }
  }
  return false;
}

class Shrinker {
 public:
  Shrinker(const Model& model, uint64_t budget, uint64_t max_memo_bytes)
      : model_(model), budget_(budget), max_memo_bytes_(max_memo_bytes) {}

  // Whether `operations` is shown not linearizable within the remaining budget; a search cut
  // short counts as "not shown" and clears `minimal`.
  bool fails(const std::vector<const Operation*>& operations) {
    if (spent_ >= budget_) {
      minimal_ = false;
      return false;
    }
    SearchResult result =
        search_partition(operations, model_, SearchLimits{budget_ - spent_, max_memo_bytes_});
    spent_ += result.states_explored;
    if (result.outcome == SearchOutcome::limit_reached) {
      minimal_ = false;
    }
    return result.outcome == SearchOutcome::not_linearizable;
  }

  bool minimal() const { return minimal_; }
  uint64_t spent() const { return spent_; }

 private:
  const Model& model_;
  uint64_t budget_;
  uint64_t max_memo_bytes_;
  uint64_t spent_ = 0;
  bool minimal_ = true;
};

// The first `length` operations by call, plus (to a fixpoint) every operation whose write one of
// them may have observed: a read called before the write it returned is concurrent with it, and
// cutting the write off would make the prefix fail for a reason of our own making (a value nobody
// wrote, or a get of "ab" with only the append of "a"). Grows with `length`, so bisection stays
// sound.
std::vector<const Operation*> closed_prefix(const std::vector<const Operation*>& operations,
                                            size_t length, bool appends_present) {
  std::vector<bool> included(operations.size(), false);
  std::fill(included.begin(), included.begin() + static_cast<std::ptrdiff_t>(length), true);
  bool grew = true;
  while (grew) {
    grew = false;
    for (size_t reader = 0; reader < operations.size(); ++reader) {
      if (!included[reader] || observed_value(*operations[reader]) == nullptr) {
        continue;
      }
      for (size_t writer = 0; writer < operations.size(); ++writer) {
        if (!included[writer] &&
            reads_from(*operations[reader], *operations[writer], appends_present)) {
          included[writer] = true;
          grew = true;
        }
      }
    }
  }
  std::vector<const Operation*> prefix;
  for (size_t index = 0; index < operations.size(); ++index) {
    if (included[index]) {
      prefix.push_back(operations[index]);
    }
  }
  return prefix;
}

std::vector<const Operation*> shortest_failing_prefix(
    const std::vector<const Operation*>& operations, bool appends_present, Shrinker& shrinker) {
  // Invariant: the prefix of length `failing` fails; the one of length `passing` was not shown to.
  size_t passing = 0;
  size_t failing = operations.size();
  while (failing - passing > 1) {
    size_t middle = passing + (failing - passing) / 2;
    if (shrinker.fails(closed_prefix(operations, middle, appends_present))) {
      failing = middle;
    } else {
      passing = middle;
    }
  }
  return closed_prefix(operations, failing, appends_present);
}

// One pass from the last operation to the first; true if anything was dropped.
bool drop_pass(std::vector<const Operation*>& kept, bool appends_present, Shrinker& shrinker) {
  bool dropped_any = false;
  for (size_t position = kept.size(); position-- > 0;) {
    if (position >= kept.size()) {
      continue;
    }
    std::vector<bool> group = drop_group(kept, position, appends_present);
    std::vector<const Operation*> rest;
    rest.reserve(kept.size());
    for (size_t index = 0; index < kept.size(); ++index) {
      if (!group[index]) {
        rest.push_back(kept[index]);
      }
    }
    if (!rest.empty() && shrinker.fails(rest)) {
      kept = std::move(rest);
      dropped_any = true;
    }
  }
  return dropped_any;
}

}  // namespace

std::vector<bool> drop_group(const std::vector<const Operation*>& kept, size_t candidate,
                             bool appends_present) {
  std::vector<bool> group(kept.size(), false);
  group[candidate] = true;
  // A closure: a cas orphaned by a dropped write may orphan the reads of the value it wrote.
  bool grew = true;
  while (grew) {
    grew = false;
    for (size_t index = 0; index < kept.size(); ++index) {
      if (group[index]) {
        continue;
      }
      for (size_t member = 0; member < kept.size(); ++member) {
        if (group[member] && reads_from(*kept[index], *kept[member], appends_present) &&
            !has_other_source(*kept[index], *kept[member], kept, group, appends_present)) {
          group[index] = true;
          grew = true;
          break;
        }
      }
    }
  }
  return group;
}

MinimalSet find_minimal_set(const std::vector<const Operation*>& operations, const Model& model,
                            uint64_t max_states, uint64_t max_memo_bytes) {
  Shrinker shrinker(model, max_states, max_memo_bytes);
  // Whether a get may have read a put's value followed by appends is a property of the whole
  // key's history, not of the subset being shrunk: once its appends are dropped, a get of "ab"
  // must still go with the put of "a" it was explained by.
  bool appends_present = has_append(operations);
  std::vector<const Operation*> kept =
      shortest_failing_prefix(operations, appends_present, shrinker);
  while (drop_pass(kept, appends_present, shrinker)) {
  }
  MinimalSet result;
  result.operations = std::move(kept);
  result.minimal = shrinker.minimal();
  result.states_explored = shrinker.spent();
  return result;
}

}  // namespace faultline::linearizability
