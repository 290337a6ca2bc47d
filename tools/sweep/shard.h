// File: shard.h
// `--shard I/N`: the slice of a seed list one machine runs. The seed at 0-based position p of the
// list (in written order) belongs to shard I (1-based) exactly when p mod N = I - 1, so the N
// shards are disjoint, together cover the list, and differ in size by at most one seed.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "sim/base/result.h"
#include "sim/base/seed_list.h"

namespace faultline {

struct Shard {
  uint64_t index = 1;  // 1-based, 1..count
  uint64_t count = 1;
};

// The most shards: beyond this a shard is a seed or two and the split is a typo.
inline constexpr uint64_t max_shards = 1'000'000;
// The most seeds one sweep invocation runs: their list and results are held in memory, and the
// parent forks a worker per seed, so forking slows as they grow (about 800 seeds/s of a quick
// scenario at 5,000 seeds, 460 at 100,000, 108 at 1,000,000). Split larger ranges with --shard.
inline constexpr uint64_t max_seeds_per_sweep = 1'000'000;

// "I/N" with 1 <= I <= N <= max_shards, decimal. Errors name the text and the rule.
Result<Shard> parse_shard(std::string_view text);

// The seeds of `shard` in list order, leaving out those `skip` says are done. Errors: more than
// max_seeds_per_sweep seeds to run.
Result<std::vector<uint64_t>> shard_seeds(const SeedList& seeds, const Shard& shard,
                                          const std::function<bool(uint64_t seed)>& skip);

}  // namespace faultline
