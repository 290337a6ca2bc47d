// File: seed_list.h
// A list of run seeds as a user writes it: one seed (`7`), an inclusive range (`1..10000`), or a
// comma list of either (`1,5,9..12`); each seed as parse_seed reads it (rng.h). Owns the
// invariants that no seed is listed twice and that the list is held as intervals, so a range of
// millions of seeds costs two numbers, and that positions follow the written order.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/base/result.h"

namespace faultline {

// The most seeds one list may hold: far more than any sweep runs, far below overflow.
inline constexpr uint64_t max_seed_list_size = uint64_t{1} << 48;

struct SeedInterval {
  uint64_t first = 0;
  uint64_t last = 0;  // inclusive, >= first
};

class SeedList {
 public:
  SeedList() = default;
  explicit SeedList(std::vector<SeedInterval> intervals);

  uint64_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // The seed at 0-based `position` in the written order; position < size().
  uint64_t at(uint64_t position) const;
  // The 0-based position of `seed`, or size() when the list does not hold it.
  uint64_t position_of(uint64_t seed) const;
  const std::vector<SeedInterval>& intervals() const { return intervals_; }

 private:
  std::vector<SeedInterval> intervals_;  // in written order, pairwise disjoint
  std::vector<uint64_t> starts_;         // position of each interval's first seed
  uint64_t size_ = 0;
};

// Parses `N`, `A..B` (A <= B) or a comma list of those (spaces around the commas are ignored).
// Errors: an empty element, a bad seed (parse_seed's message), A > B, a seed listed twice, more
// than max_seed_list_size seeds.
Result<SeedList> parse_seed_list(std::string_view text);

}  // namespace faultline
