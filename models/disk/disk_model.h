// File: disk_model.h
// The disk as a policy (DESIGN.md "models/"): when a sync completes, whether a crash tears the last
// unsynced write and how much of it reaches the platter, and which durable records a corruption
// hits. It schedules and stores nothing; sim/cluster's SimStorage is the mechanism (a log of
// checksummed records) and asks this model for every decision. Owns the rules that completions are
// monotone per disk and that a torn record keeps a strict, non-empty prefix of its bytes.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/base/ratio.h"
#include "sim/base/rng.h"
#include "sim/base/time.h"

namespace faultline {

struct DiskConfig {
  // Every sync takes this long, plus write_latency for each write it covers.
  Duration sync_latency = Duration::milliseconds(1);
  Duration write_latency = Duration{0};
  // A crash forgets writes not yet covered by a completed sync (false: it keeps them all).
  bool lose_unsynced_on_crash = true;
  // On a crash that loses unsynced writes, the chance that a prefix of the LAST one reaches the
  // disk (a torn write; recovery finds its checksum wrong and discards it).
  Ratio torn_write = Ratio::zero();
  // Bytes of durable data (keys plus values); 0 = unlimited. A sync that would exceed it fails.
  uint64_t capacity_bytes = 0;
};

class DiskModel {
 public:
  // Bytes of a record's header on disk (length, sequence, checksum): a torn record always keeps
  // fewer bytes than header + key + value, so the checksum can never pass.
  static constexpr uint64_t record_header_bytes = 16;

  explicit DiskModel(const DiskConfig& config);

  const DiskConfig& config() const { return config_; }

  // When a sync issued at `now` covering `new_writes` writes (those not covered by an earlier
  // sync) completes: now + sync_latency + write_latency * new_writes, but never before
  // `previous_completion` (a disk completes syncs in issue order).
  Time sync_completion(Time now, uint64_t new_writes, Time previous_completion) const;

  // Whether a crash that loses unsynced writes tears the last one (draws only when torn_write is
  // nonzero, from the disk's stream ("disk", n)).
  bool tears_on_crash(Rng& disk_rng) const;
  // How many bytes of a torn record of `record_bytes` survive: uniform in [1, record_bytes - 1].
  uint64_t torn_kept_bytes(uint64_t record_bytes, Rng& disk_rng) const;
  // Bytes a record of this key and value (or tombstone: value_bytes 0) takes on disk.
  static uint64_t record_bytes(uint64_t key_bytes, uint64_t value_bytes) {
    return record_header_bytes + key_bytes + value_bytes;
  }

  // Which of `candidate_count` durable records (in key order) a corruption of `records` records
  // hits: min(records, candidate_count) distinct indices, each drawn uniformly among those not yet
  // picked, in draw order.
  std::vector<size_t> pick_corrupted(size_t candidate_count, uint32_t records, Rng& disk_rng) const;

  // Whether `durable_bytes` of data fit the capacity.
  bool fits(uint64_t durable_bytes) const {
    return config_.capacity_bytes == 0 || durable_bytes <= config_.capacity_bytes;
  }

 private:
  DiskConfig config_;
};

}  // namespace faultline
