// File: partition_search.cc
// The search loop over a doubly linked list of call and return entries, after Lowe's JIT
// linearization tree search (2017, section 4.2) as porcupine (Athalye) also does it: lifting an
// operation removes its call and return from the list, and backtracking puts them back in the
// reverse order, so every undo is O(1).
#include "sim/check/linearizability/partition_search.h"

#include <algorithm>
#include <span>
#include <tuple>

#include "sim/base/check.h"
#include "sim/base/rng.h"
#include "sim/check/linearizability/memo_table.h"
#include "sim/check/linearizability/state_table.h"

namespace faultline::linearizability {

namespace {

constexpr uint32_t no_entry = UINT32_MAX;

// Call and return entries in real-time order, linked so that lifted operations can be unlinked
// and relinked in O(1). Entry e is operation e / 2's call when e is even, its return when odd;
// indeterminate operations have no return entry in the list. `head` is a sentinel.
class EntryList {
 public:
  explicit EntryList(const std::vector<const Operation*>& operations)
      : next_(operations.size() * 2 + 1, no_entry), previous_(operations.size() * 2 + 1, no_entry) {
    std::vector<uint32_t> order;
    for (uint32_t index = 0; index < operations.size(); ++index) {
      order.push_back(index * 2);
      if (operations[index]->ret != open_return) {
        order.push_back(index * 2 + 1);
      }
    }
    // By time; at equal times calls first (equal call and return are concurrent); then by
    // operation position.
    auto key = [&](uint32_t entry) {
      const Operation& operation = *operations[entry / 2];
      return std::tuple{entry % 2 == 0 ? operation.call : operation.ret, entry % 2, entry / 2};
    };
    std::sort(order.begin(), order.end(),
              [&](uint32_t left, uint32_t right) { return key(left) < key(right); });
    uint32_t previous = head();
    for (uint32_t entry : order) {
      next_[previous] = entry;
      previous_[entry] = previous;
      previous = entry;
    }
    has_return_.resize(operations.size());
    for (uint32_t index = 0; index < operations.size(); ++index) {
      has_return_[index] = operations[index]->ret != open_return;
    }
  }

  uint32_t head() const { return static_cast<uint32_t>(next_.size() - 1); }
  uint32_t first() const { return next_[head()]; }
  uint32_t next(uint32_t entry) const { return next_[entry]; }

  // Unlinks operation `operation`'s call and return.
  void lift(uint32_t operation) {
    unlink(operation * 2);
    if (has_return_[operation]) {
      unlink(operation * 2 + 1);
    }
  }
  // Relinks them; must undo the most recent lift.
  void unlift(uint32_t operation) {
    if (has_return_[operation]) {
      relink(operation * 2 + 1);
    }
    relink(operation * 2);
  }

 private:
  void unlink(uint32_t entry) {
    next_[previous_[entry]] = next_[entry];
    if (next_[entry] != no_entry) {
      previous_[next_[entry]] = previous_[entry];
    }
  }
  void relink(uint32_t entry) {
    next_[previous_[entry]] = entry;
    if (next_[entry] != no_entry) {
      previous_[next_[entry]] = entry;
    }
  }

  std::vector<uint32_t> next_;
  std::vector<uint32_t> previous_;
  std::vector<bool> has_return_;
};

struct Choice {
  uint32_t operation;
  uint32_t state_before;
  bool forced;  // a read-only operation linearized as soon as it could be
};

// Whether `operation` leaves every state it is legal in unchanged (a read, a get, a compare that
// failed). Such an operation, legal now and callable now, may be linearized now without loss:
// any linearization that places it later stays valid with it moved here, since it changes no
// state and every operation that must precede it is already linearized. So the search never tries
// to leave it for later (partial-order reduction on commuting reads; with 20 concurrent reads of
// one value this turns 2^20 subsets into one).
bool is_read_only(const Operation& operation) {
  if (operation.status == OperationStatus::indeterminate) {
    return false;
  }
  return operation.function == Function::read || operation.function == Function::get ||
         (operation.function == Function::cas && operation.status == OperationStatus::failed);
}

bool same_effect(const Operation& left, const Operation& right) {
  return left.function == right.function && left.input == right.input &&
         left.input_to == right.input_to && left.output == right.output &&
         left.status == right.status;
}

// For each indeterminate operation, the latest indeterminate operation called before it with the
// same function and arguments, or no_entry. Two such operations are interchangeable once both are
// called (both open to the end, same effect), so the search linearizes each class in call order
// only: an operation waits while its predecessor in the class is not linearized. The linearized
// members of a class are then always a prefix of it, and 2^k subsets shrink to k + 1
// (symmetry reduction; the etcd logs repeat timed-out writes of the same few values).
std::vector<uint32_t> open_predecessors(const std::vector<const Operation*>& operations) {
  std::vector<uint32_t> order;
  for (uint32_t index = 0; index < operations.size(); ++index) {
    if (operations[index]->ret == open_return) {
      order.push_back(index);
    }
  }
  std::stable_sort(order.begin(), order.end(), [&](uint32_t left, uint32_t right) {
    return operations[left]->call < operations[right]->call;
  });
  std::vector<uint32_t> predecessor(operations.size(), no_entry);
  for (size_t later = 0; later < order.size(); ++later) {
    for (size_t earlier = later; earlier-- > 0;) {
      if (same_effect(*operations[order[earlier]], *operations[order[later]])) {
        predecessor[order[later]] = order[earlier];
        break;
      }
    }
  }
  return predecessor;
}

}  // namespace

SearchResult search_partition(const std::vector<const Operation*>& operations, const Model& model,
                              SearchLimits limits) {
  FL_CHECK(operations.size() < UINT32_MAX / 2, "too many operations in one key");
  SearchResult result;
  EntryList entries(operations);
  StateTable states(model, operations);
  size_t words = (operations.size() + 63) / 64;
  MemoTable memo(words);
  std::vector<uint64_t> linearized(words, 0);
  // Zobrist hashing: the hash of a set is the xor of its members' keys, updated in O(1).
  std::vector<uint64_t> member_keys(operations.size());
  for (size_t index = 0; index < operations.size(); ++index) {
    member_keys[index] = mix64(index + 0x9e3779b97f4a7c15ULL);
  }
  uint64_t set_hash = 0;
  auto toggle = [&](uint32_t operation) {
    linearized[operation / 64] ^= uint64_t{1} << (operation % 64);
    set_hash ^= member_keys[operation];
  };

  std::vector<uint32_t> predecessor = open_predecessors(operations);
  auto is_linearized = [&](uint32_t operation) {
    return (linearized[operation / 64] >> (operation % 64)) & 1;
  };

  std::vector<bool> read_only(operations.size());
  for (size_t index = 0; index < operations.size(); ++index) {
    read_only[index] = is_read_only(*operations[index]);
  }

  std::vector<Choice> choices;
  uint32_t state = states.initial();
  uint32_t entry = entries.first();
  // Undoes choices up to the latest one that was not forced, and continues after its call;
  // false when there is none left (no linearization).
  auto backtrack = [&]() {
    while (!choices.empty()) {
      Choice undone = choices.back();
      choices.pop_back();
      toggle(undone.operation);
      state = undone.state_before;
      entries.unlift(undone.operation);
      if (!undone.forced) {
        entry = entries.next(undone.operation * 2);
        return true;
      }
    }
    return false;
  };
  auto finish = [&](SearchOutcome outcome) {
    result.outcome = outcome;
    result.memo_entries = memo.entries();
    result.memo_bytes = memo.bytes() + states.bytes();
    return result;
  };
  while (true) {
    if (entry == no_entry) {
      // Only calls of indeterminate operations remain: they never take effect.
      return finish(SearchOutcome::linearizable);
    }
    uint32_t operation = entry / 2;
    if (entry % 2 == 0) {
      bool waits = predecessor[operation] != no_entry && !is_linearized(predecessor[operation]);
      std::optional<uint32_t> after = waits ? std::nullopt : states.step(state, operation);
      if (after) {
        toggle(operation);
        if (memo.insert(set_hash ^ mix64(*after), std::span<const uint64_t>(linearized), *after)) {
          if (++result.states_explored > limits.max_states ||
              memo.bytes() + states.bytes() > limits.max_memo_bytes) {
            return finish(SearchOutcome::limit_reached);
          }
          choices.push_back(Choice{operation, state, read_only[operation]});
          state = *after;
          entries.lift(operation);
          entry = entries.first();
          continue;
        }
        toggle(operation);
        if (read_only[operation]) {
          // Its forced successor was explored before and failed, so this configuration fails.
          if (!backtrack()) {
            return finish(SearchOutcome::not_linearizable);
          }
          continue;
        }
      }
      entry = entries.next(entry);
      continue;
    }
    // The return of an operation not linearized yet: undo the latest free choice and try the
    // next call after it.
    if (!backtrack()) {
      return finish(SearchOutcome::not_linearizable);
    }
  }
}

}  // namespace faultline::linearizability
