// File: memo_table.cc
// Linear probing with a power-of-two table kept at most half full.
#include "sim/check/linearizability/memo_table.h"

#include <algorithm>

#include "sim/base/check.h"

namespace faultline::linearizability {

namespace {
constexpr size_t initial_slots = 1024;
}  // namespace

MemoTable::MemoTable(size_t bitset_words) : stride_(bitset_words + 1), slots_(initial_slots, 0) {}

bool MemoTable::matches(uint32_t entry, uint64_t hash, std::span<const uint64_t> bits,
                        uint32_t state) const {
  if (hashes_[entry] != hash) {
    return false;
  }
  const uint64_t* stored = arena_.data() + static_cast<size_t>(entry) * stride_;
  return stored[0] == state && std::equal(bits.begin(), bits.end(), stored + 1);
}

bool MemoTable::insert(uint64_t hash, std::span<const uint64_t> bits, uint32_t state) {
  FL_CHECK_EQ(bits.size() + 1, stride_);
  size_t mask = slots_.size() - 1;
  size_t slot = hash & mask;
  while (slots_[slot] != 0) {
    if (matches(slots_[slot] - 1, hash, bits, state)) {
      return false;
    }
    slot = (slot + 1) & mask;
  }
  FL_CHECK(hashes_.size() < UINT32_MAX - 1, "memo table full");
  slots_[slot] = static_cast<uint32_t>(hashes_.size() + 1);
  hashes_.push_back(hash);
  arena_.push_back(state);
  arena_.insert(arena_.end(), bits.begin(), bits.end());
  if (hashes_.size() * 2 > slots_.size()) {
    grow();
  }
  return true;
}

void MemoTable::grow() {
  slots_.assign(slots_.size() * 2, 0);
  size_t mask = slots_.size() - 1;
  for (size_t entry = 0; entry < hashes_.size(); ++entry) {
    size_t slot = hashes_[entry] & mask;
    while (slots_[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots_[slot] = static_cast<uint32_t>(entry + 1);
  }
}

uint64_t MemoTable::bytes() const {
  return arena_.capacity() * sizeof(uint64_t) + hashes_.capacity() * sizeof(uint64_t) +
         slots_.capacity() * sizeof(uint32_t);
}

}  // namespace faultline::linearizability
