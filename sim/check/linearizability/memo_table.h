// File: memo_table.h
// Lowe's memo for the Wing-Gong search: the set of configurations (linearized operations as a
// bitset, model state id) already reached. A configuration seen once need not be explored again,
// because what can follow depends only on it. Open addressing over a flat arena, so an entry costs
// its words and no allocation; never iterated, so its order cannot reach any output.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace faultline::linearizability {

class MemoTable {
 public:
  // `bitset_words`: 64-bit words per linearized set (ceil(operations / 64)).
  explicit MemoTable(size_t bitset_words);

  // Adds (bits, state); false if it was already there. `hash` must be a function of (bits,
  // state) only (the search keeps a Zobrist hash of the bits).
  bool insert(uint64_t hash, std::span<const uint64_t> bits, uint32_t state);

  uint64_t entries() const { return hashes_.size(); }
  // The memory held: arena, hashes and slots.
  uint64_t bytes() const;

 private:
  void grow();
  bool matches(uint32_t entry, uint64_t hash, std::span<const uint64_t> bits, uint32_t state) const;

  size_t stride_;                // words per entry: the state id, then the bitset
  std::vector<uint64_t> arena_;  // entry i at [i * stride_, (i + 1) * stride_)
  std::vector<uint64_t> hashes_;
  std::vector<uint32_t> slots_;  // 0: empty, otherwise entry index + 1
};

}  // namespace faultline::linearizability
