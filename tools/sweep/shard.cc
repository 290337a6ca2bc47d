// File: shard.cc
#include "tools/sweep/shard.h"

#include <fmt/format.h>
#include <charconv>

namespace faultline {
namespace {

bool parse_decimal(std::string_view text, uint64_t& out) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) {
    return false;
  }
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

Result<Shard> parse_shard(std::string_view text) {
  size_t slash = text.find('/');
  Shard shard;
  if (slash == std::string_view::npos || !parse_decimal(text.substr(0, slash), shard.index) ||
      !parse_decimal(text.substr(slash + 1), shard.count)) {
    return Error::make(fmt::format("invalid shard '{}': expected I/N such as 2/8", text));
  }
  if (shard.count < 1 || shard.count > max_shards) {
    return Error::make(
        fmt::format("invalid shard '{}': N must be between 1 and {}", text, max_shards));
  }
  if (shard.index < 1 || shard.index > shard.count) {
    return Error::make(
        fmt::format("invalid shard '{}': I must be between 1 and N ({})", text, shard.count));
  }
  return shard;
}

Result<std::vector<uint64_t>> shard_seeds(const SeedList& seeds, const Shard& shard,
                                          const std::function<bool(uint64_t seed)>& skip) {
  std::vector<uint64_t> selected;
  for (uint64_t position = shard.index - 1; position < seeds.size(); position += shard.count) {
    uint64_t seed = seeds.at(position);
    if (skip && skip(seed)) {
      continue;
    }
    if (selected.size() == max_seeds_per_sweep) {
      return Error::make(fmt::format(
          "more than {} seeds to run: split the list with --shard I/N (README \"Sweeping seeds\")",
          max_seeds_per_sweep));
    }
    selected.push_back(seed);
  }
  return selected;
}

}  // namespace faultline
