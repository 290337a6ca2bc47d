// File: rng_test.cc
// Named streams: the same (seed, name, index) gives the same draws; adding a node leaves every
// other stream untouched; distributions come out as expected and as golden values.
#include <catch2/catch.hpp>
#include <vector>

#include "sim/base/rng.h"

using namespace faultline;

namespace {

std::vector<uint64_t> draws(Rng rng, int count) {
  std::vector<uint64_t> values;
  for (int i = 0; i < count; ++i) {
    values.push_back(rng.next());
  }
  return values;
}

}  // namespace

TEST_CASE("a stream is a function of (seed, name, index)", "[rng]") {
  RngStreams streams(42);
  CHECK(draws(streams.derive("node", 1), 8) == draws(RngStreams(42).derive("node", 1), 8));
  CHECK(draws(streams.derive("node", 1), 8) != draws(streams.derive("node", 2), 8));
  CHECK(draws(streams.derive("node", 1), 8) != draws(streams.derive("disk", 1), 8));
  CHECK(draws(streams.derive("node", 1), 8) != draws(RngStreams(43).derive("node", 1), 8));
}

TEST_CASE("adding a node leaves every other stream's draws unchanged", "[rng]") {
  // Draw per node in a 3-node cluster, then in a 4-node one: nodes 1..3 must see the same values.
  auto cluster_draws = [](uint32_t nodes) {
    RngStreams streams(7);
    std::vector<std::vector<uint64_t>> per_node;
    std::vector<Rng> rngs;
    for (uint32_t node = 1; node <= nodes; ++node) {
      rngs.push_back(streams.derive("node", node));
    }
    per_node.resize(nodes);
    for (int round = 0; round < 100; ++round) {  // interleaved, as a simulation would
      for (uint32_t node = 0; node < nodes; ++node) {
        per_node[node].push_back(rngs[node].uniform(0, 1'000'000));
      }
    }
    return per_node;
  };
  auto three = cluster_draws(3);
  auto four = cluster_draws(4);
  for (int node = 0; node < 3; ++node) {
    CHECK(three[node] == four[node]);
  }
}

TEST_CASE("golden draws pin the generator and Boost's distributions", "[rng][golden]") {
  Rng rng = RngStreams(1).derive("golden");
  CHECK(rng.next() == 0x457914abf3a2ad11ull);
  CHECK(rng.uniform(1, 6) == 6);
  CHECK(rng.exponential(Duration::milliseconds(1)).ns == 1392440);
  CHECK(rng.lognormal(Duration::milliseconds(2), Duration::milliseconds(20)).ns == 748598);
}

TEST_CASE("uniform and chance stay in range and hit their rates", "[rng]") {
  Rng rng = RngStreams(3).derive("stats");
  int hits = 0;
  const int trials = 100'000;
  for (int i = 0; i < trials; ++i) {
    uint64_t value = rng.uniform(10, 20);
    REQUIRE(value >= 10);
    REQUIRE(value <= 20);
    hits += rng.chance(Ratio{1, 10}) ? 1 : 0;
  }
  // Binomial(100000, 0.1): mean 10000, sd ~95; 5 sd bounds.
  CHECK(hits > 10'000 - 475);
  CHECK(hits < 10'000 + 475);
  CHECK_FALSE(rng.chance(Ratio::zero()));
  CHECK(rng.chance(Ratio::one()));
}

TEST_CASE("exponential and lognormal match their parameters", "[rng]") {
  Rng rng = RngStreams(5).derive("dist");
  const int samples = 200'000;
  int64_t sum = 0;
  std::vector<int64_t> lognormal;
  for (int i = 0; i < samples; ++i) {
    sum += rng.exponential(Duration::milliseconds(1)).ns;
    lognormal.push_back(rng.lognormal(Duration::milliseconds(2), Duration::milliseconds(20)).ns);
  }
  double mean = static_cast<double>(sum) / samples;
  CHECK(mean == Approx(1'000'000).epsilon(0.01));
  std::sort(lognormal.begin(), lognormal.end());
  CHECK(static_cast<double>(lognormal[samples / 2]) == Approx(2'000'000).epsilon(0.02));
  CHECK(static_cast<double>(lognormal[samples * 99 / 100]) == Approx(20'000'000).epsilon(0.05));
}

TEST_CASE("seeds parse from integers and commit hashes", "[rng]") {
  CHECK(*parse_seed("12345") == 12345);
  CHECK(*parse_seed("18446744073709551615") == 18446744073709551615ull);
  CHECK(*parse_seed("0123456789abcdef0123456789abcdef01234567") == 0x0123456789abcdefull);
  CHECK(*parse_seed("0123456789ABCDEF0123456789abcdef01234567") == 0x0123456789abcdefull);
  CHECK_FALSE(parse_seed("").ok());
  CHECK_FALSE(parse_seed("-1").ok());
  CHECK_FALSE(parse_seed("18446744073709551616").ok());
  CHECK_FALSE(parse_seed("12ab").ok());
}
