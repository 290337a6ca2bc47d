// File: disk_model_test.cc
// models/disk decisions: exact sync completion times, torn prefixes and corruption picks drawn
// from the disk's stream (exact where the value is determined, 5-sigma binomial bounds on fixed
// seeds where it is random).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "models/disk/disk_model.h"

using namespace faultline;

namespace {

// |count - n p| <= 5 sigma.
bool within_five_sigma(uint64_t count, uint64_t trials, double probability) {
  double mean = static_cast<double>(trials) * probability;
  double sigma = std::sqrt(mean * (1.0 - probability));
  return std::abs(static_cast<double>(count) - mean) <= 5.0 * sigma;
}

}  // namespace

TEST_CASE("a sync completes after sync_latency plus write_latency per new write", "[disk]") {
  DiskConfig config;
  config.sync_latency = Duration::milliseconds(1);
  config.write_latency = Duration::microseconds(250);
  DiskModel model(config);
  Time now = Time::zero() + Duration::milliseconds(5);
  CHECK(model.sync_completion(now, 0, Time::zero()) == now + Duration::milliseconds(1));
  CHECK(model.sync_completion(now, 3, Time::zero()) == now + Duration::microseconds(1750));
  // Never before the previous completion of the same disk.
  Time previous = now + Duration::milliseconds(9);
  CHECK(model.sync_completion(now, 3, previous) == previous);
}

TEST_CASE("a torn record keeps a strict, non-empty prefix drawn from the stream", "[disk]") {
  DiskModel model(DiskConfig{});
  Rng rng(7);
  Rng replay(7);
  std::set<uint64_t> seen;
  for (int i = 0; i < 200; ++i) {
    uint64_t kept = model.torn_kept_bytes(4, rng);
    CHECK(kept == replay.uniform(1, 3));
    seen.insert(kept);
  }
  CHECK(seen == std::set<uint64_t>{1, 2, 3});
  CHECK(model.torn_kept_bytes(2, rng) == 1);
  CHECK(DiskModel::record_bytes(3, 5) == DiskModel::record_header_bytes + 8);
}

TEST_CASE("torn_write is the per-crash probability; zero draws nothing", "[disk]") {
  DiskModel never(DiskConfig{});
  Rng rng(11);
  Rng untouched(11);
  CHECK_FALSE(never.tears_on_crash(rng));
  CHECK(rng.next() == untouched.next());

  DiskConfig config;
  config.torn_write = Ratio{1, 4};
  DiskModel quarter(config);
  uint64_t torn = 0;
  constexpr uint64_t trials = 20'000;
  for (uint64_t i = 0; i < trials; ++i) {
    torn += quarter.tears_on_crash(rng) ? 1 : 0;
  }
  CHECK(within_five_sigma(torn, trials, 0.25));
}

TEST_CASE("a corruption picks distinct records uniformly in key order", "[disk]") {
  DiskModel model(DiskConfig{});
  Rng rng(3);
  std::vector<size_t> picked = model.pick_corrupted(10, 4, rng);
  REQUIRE(picked.size() == 4);
  CHECK(std::set<size_t>(picked.begin(), picked.end()).size() == 4);
  CHECK(std::all_of(picked.begin(), picked.end(), [](size_t index) { return index < 10; }));
  CHECK(model.pick_corrupted(2, 5, rng).size() == 2);  // no more than there are
  CHECK(model.pick_corrupted(0, 1, rng).empty());
  Rng first(99);
  Rng second(99);
  CHECK(model.pick_corrupted(50, 7, first) == model.pick_corrupted(50, 7, second));

  std::vector<uint64_t> hits(4, 0);
  constexpr uint64_t trials = 40'000;
  for (uint64_t i = 0; i < trials; ++i) {
    ++hits[model.pick_corrupted(4, 1, rng).at(0)];
  }
  for (uint64_t count : hits) {
    CHECK(within_five_sigma(count, trials, 0.25));
  }
}
