// File: entry_registry.h
// Every (index, term) that any node has ever held, with the prefix hash of the first log that held
// it and who held it when. Log Matching (Ongaro & Ousterhout 2014, Figure 3, section 5.3): two
// entries with the same index and term must sit on identical prefixes, at any time, on any node,
// so entries are never forgotten, not even when truncated.
//
// Storage is flat so that a lookup or insert is O(1) amortised with no per-entry allocation: a
// vector indexed by log index holds the first term seen at that index; further terms at the same
// index (uncommitted entries overwritten by later leaders) chain through a second vector.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/base/node_id.h"
#include "sim/base/time.h"

namespace faultline {

struct RegisteredEntry {
  int64_t term = 0;
  uint64_t prefix_hash = 0;
  NodeId first_holder;  // none: the slot is empty
  Time first_seen;
};

class EntryRegistry {
 public:
  // The entry registered at (index, term), or nullptr. index >= 1.
  const RegisteredEntry* find(int64_t index, int64_t term) const;
  // Registers (index, term) unless present; returns the registered entry (the existing one when
  // present, so the caller compares prefix hashes).
  const RegisteredEntry& insert(int64_t index, const RegisteredEntry& entry);

 private:
  static constexpr uint32_t end_of_chain = 0;  // overflow_[0] is a sentinel, never used

  struct Slot {
    RegisteredEntry entry;
    uint32_t next = end_of_chain;  // index into overflow_
  };

  std::vector<Slot> by_index_;  // by log index - 1: the first term seen at that index
  std::vector<Slot> overflow_{Slot{}};
};

}  // namespace faultline
