// File: disk_model.cc
// Sync completion times, torn-write draws and corruption picks.
#include "models/disk/disk_model.h"

#include <algorithm>
#include <limits>

#include "sim/base/check.h"

namespace faultline {

DiskModel::DiskModel(const DiskConfig& config) : config_(config) {
  FL_CHECK(config.sync_latency.ns >= 0, "negative sync_latency {}", config.sync_latency.ns);
  FL_CHECK(config.write_latency.ns >= 0, "negative write_latency {}", config.write_latency.ns);
  FL_CHECK(config.torn_write.denominator > 0 &&
               config.torn_write.numerator <= config.torn_write.denominator,
           "torn_write is not a probability");
}

Time DiskModel::sync_completion(Time now, uint64_t new_writes, Time previous_completion) const {
  FL_CHECK(new_writes <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()),
           "write count overflow");
  Time at = now + config_.sync_latency + config_.write_latency * static_cast<int64_t>(new_writes);
  return std::max(at, previous_completion);
}

bool DiskModel::tears_on_crash(Rng& disk_rng) const {
  return disk_rng.chance(config_.torn_write);
}

uint64_t DiskModel::torn_kept_bytes(uint64_t record_bytes, Rng& disk_rng) const {
  FL_CHECK(record_bytes >= 2, "a record of {} bytes cannot be torn", record_bytes);
  uint64_t kept = disk_rng.uniform(1, record_bytes - 1);
  FL_CHECK(kept >= 1 && kept < record_bytes, "torn prefix {} of {}", kept, record_bytes);
  return kept;
}

std::vector<size_t> DiskModel::pick_corrupted(size_t candidate_count, uint32_t records,
                                              Rng& disk_rng) const {
  // Partial Fisher-Yates over the candidate indices: each pick is uniform among the rest.
  std::vector<size_t> remaining(candidate_count);
  for (size_t i = 0; i < candidate_count; ++i) {
    remaining[i] = i;
  }
  size_t count = std::min<size_t>(records, candidate_count);
  std::vector<size_t> picked;
  picked.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    size_t chosen = i + disk_rng.index(candidate_count - i);
    std::swap(remaining[i], remaining[chosen]);
    picked.push_back(remaining[i]);
  }
  return picked;
}

}  // namespace faultline
