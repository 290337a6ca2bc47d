// File: log_mirror.cc
// The per-node log mirror and its prefix hashing.
#include "sim/check/log_mirror.h"

#include <algorithm>

#include "sim/base/check.h"

namespace faultline {
namespace {

// SplitMix64 finaliser: a bijective 64-bit mix with full avalanche.
uint64_t finalize(uint64_t value) {
  value ^= value >> 30;
  value *= 0xbf58476d1ce4e5b9ull;
  value ^= value >> 27;
  value *= 0x94d049bb133111ebull;
  value ^= value >> 31;
  return value;
}

}  // namespace

uint64_t mix_log_entry(uint64_t previous_prefix_hash, int64_t term, int64_t digest) {
  // Two rounds so that (term, digest) pairs do not commute and both reach every output bit.
  uint64_t hash =
      finalize(previous_prefix_hash ^ (static_cast<uint64_t>(term) * 0x9e3779b97f4a7c15ull));
  return finalize(hash + static_cast<uint64_t>(digest));
}

const LogEntryRecord& LogMirror::entry(int64_t index) const {
  FL_CHECK(contains(index), "log index {} outside 1..{}", index, length());
  return entries_[static_cast<size_t>(index - 1)];
}

uint64_t LogMirror::prefix_hash(int64_t index) const {
  if (index == 0) {
    return empty_log_prefix_hash;
  }
  return entry(index).prefix_hash;
}

void LogMirror::place(int64_t index, int64_t term, int64_t digest) {
  FL_CHECK(index >= 1, "log index {} must be at least 1", index);
  if (index <= length()) {
    truncate_from(index);
  }
  while (length() + 1 < index) {
    entries_.push_back({-1, 0, mix_log_entry(prefix_hash(length()), -1, 0)});
  }
  entries_.push_back({term, digest, mix_log_entry(prefix_hash(length()), term, digest)});
}

void LogMirror::truncate_from(int64_t from) {
  FL_CHECK(from >= 1, "truncation index {} must be at least 1", from);
  if (from <= length()) {
    entries_.resize(static_cast<size_t>(from - 1));
  }
}

int64_t LogMirror::first_difference(const LogMirror& other, int64_t up_to) const {
  int64_t last = std::min({up_to, length(), other.length()});
  for (int64_t index = 1; index <= last; ++index) {
    if (entry(index).term != other.entry(index).term ||
        entry(index).digest != other.entry(index).digest) {
      return index;
    }
  }
  return last < up_to ? last + 1 : 0;
}

}  // namespace faultline
