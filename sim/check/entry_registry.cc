// File: entry_registry.cc
// The (index, term) -> prefix registry behind the Log Matching check.
#include "sim/check/entry_registry.h"

#include <limits>

#include "sim/base/check.h"

namespace faultline {

const RegisteredEntry* EntryRegistry::find(int64_t index, int64_t term) const {
  FL_CHECK(index >= 1, "log index {} must be at least 1", index);
  if (static_cast<uint64_t>(index) > by_index_.size()) {
    return nullptr;
  }
  const Slot* slot = &by_index_[static_cast<size_t>(index - 1)];
  if (slot->entry.first_holder.is_none()) {
    return nullptr;
  }
  while (true) {
    if (slot->entry.term == term) {
      return &slot->entry;
    }
    if (slot->next == end_of_chain) {
      return nullptr;
    }
    slot = &overflow_[slot->next];
  }
}

const RegisteredEntry& EntryRegistry::insert(int64_t index, const RegisteredEntry& entry) {
  FL_CHECK(!entry.first_holder.is_none(), "a registered entry needs its holder");
  if (const RegisteredEntry* existing = find(index, entry.term)) {
    return *existing;
  }
  size_t position = static_cast<size_t>(index - 1);
  if (position >= by_index_.size()) {
    by_index_.resize(position + 1);
  }
  Slot& head = by_index_[position];
  if (head.entry.first_holder.is_none()) {
    head.entry = entry;
    return head.entry;
  }
  FL_CHECK(overflow_.size() < std::numeric_limits<uint32_t>::max(), "entry registry is full");
  // Push at the front of the chain: O(1), and order within a chain does not matter.
  overflow_.push_back(Slot{entry, head.next});
  head.next = static_cast<uint32_t>(overflow_.size() - 1);
  return overflow_.back().entry;
}

}  // namespace faultline
