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

// One search: the list, the memo, the linearized set with its hash, and the stack of choices.
class Search {
 public:
  Search(const std::vector<const Operation*>& operations, const Model& model, SearchLimits limits)
      : limits_(limits),
        entries_(operations),
        states_(model, operations),
        memo_((operations.size() + 63) / 64),
        linearized_((operations.size() + 63) / 64, 0),
        member_keys_(operations.size()),
        predecessor_(open_predecessors(operations)),
        read_only_(operations.size()) {
    for (size_t index = 0; index < operations.size(); ++index) {
      member_keys_[index] = mix64(index + 0x9e3779b97f4a7c15ULL);
      read_only_[index] = is_read_only(*operations[index]);
    }
  }

  SearchResult run() {
    entry_ = entries_.first();
    while (true) {
      if (entry_ == no_entry) {
        // Only calls of indeterminate operations remain: they never take effect.
        return finish(SearchOutcome::linearizable);
      }
      if (entry_ % 2 == 0) {
        if (std::optional<SearchOutcome> stop = at_call(entry_ / 2)) {
          return finish(*stop);
        }
        continue;
      }
      // The return of an operation not linearized yet: undo the latest free choice and try the
      // next call after it.
      if (!backtrack()) {
        return finish(SearchOutcome::not_linearizable);
      }
    }
  }

 private:
  // Tries to linearize `operation` now; moves on to the next entry; an outcome ends the search.
  std::optional<SearchOutcome> at_call(uint32_t operation) {
    bool waits = predecessor_[operation] != no_entry && !is_linearized(predecessor_[operation]);
    std::optional<uint32_t> after = waits ? std::nullopt : states_.step(state_, operation);
    if (!after) {
      entry_ = entries_.next(entry_);
      return std::nullopt;
    }
    toggle(operation);
    if (memo_.insert(set_hash_ ^ mix64(*after), std::span<const uint64_t>(linearized_), *after)) {
      if (++result_.states_explored > limits_.max_states ||
          memo_.bytes() + states_.bytes() > limits_.max_memo_bytes) {
        return SearchOutcome::limit_reached;
      }
      choices_.push_back(Choice{operation, state_, read_only_[operation]});
      state_ = *after;
      entries_.lift(operation);
      entry_ = entries_.first();
      return std::nullopt;
    }
    toggle(operation);
    if (!read_only_[operation]) {
      entry_ = entries_.next(entry_);
      return std::nullopt;
    }
    // Its forced successor was explored before and failed, so this configuration fails.
    return backtrack() ? std::nullopt : std::optional{SearchOutcome::not_linearizable};
  }

  // Undoes choices up to the latest one that was not forced, and continues after its call;
  // false when there is none left (no linearization).
  bool backtrack() {
    while (!choices_.empty()) {
      Choice undone = choices_.back();
      choices_.pop_back();
      toggle(undone.operation);
      state_ = undone.state_before;
      entries_.unlift(undone.operation);
      if (!undone.forced) {
        entry_ = entries_.next(undone.operation * 2);
        return true;
      }
    }
    return false;
  }

  // Zobrist hashing: the hash of a set is the xor of its members' keys, updated in O(1).
  void toggle(uint32_t operation) {
    linearized_[operation / 64] ^= uint64_t{1} << (operation % 64);
    set_hash_ ^= member_keys_[operation];
  }
  bool is_linearized(uint32_t operation) const {
    return (linearized_[operation / 64] >> (operation % 64)) & 1;
  }

  SearchResult finish(SearchOutcome outcome) {
    result_.outcome = outcome;
    result_.memo_entries = memo_.entries();
    result_.memo_bytes = memo_.bytes() + states_.bytes();
    return result_;
  }

  SearchLimits limits_;
  EntryList entries_;
  StateTable states_;
  MemoTable memo_;
  std::vector<uint64_t> linearized_;
  std::vector<uint64_t> member_keys_;
  std::vector<uint32_t> predecessor_;
  std::vector<bool> read_only_;
  std::vector<Choice> choices_;
  uint64_t set_hash_ = 0;
  uint32_t state_ = 0;  // StateTable::initial()
  uint32_t entry_ = no_entry;
  SearchResult result_;
};

}  // namespace

SearchResult search_partition(const std::vector<const Operation*>& operations, const Model& model,
                              SearchLimits limits) {
  FL_CHECK(operations.size() < UINT32_MAX / 2, "too many operations in one key");
  return Search(operations, model, limits).run();
}

}  // namespace faultline::linearizability
