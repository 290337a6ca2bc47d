// File: network_model_test.cc
// The v1 network: loss at its rate, latencies from their distributions, symmetric partitions.
#include <catch2/catch.hpp>

#include "models/network/network_model.h"

using namespace faultline;

TEST_CASE("observed loss stays inside binomial bounds", "[network]") {
  NetworkConfig config;
  config.server_count = 2;
  config.loss = Ratio{1, 20};
  NetworkModel network(config);
  Rng rng = RngStreams(9).derive("net", 1);
  int lost = 0;
  const int messages = 100'000;
  for (int i = 0; i < messages; ++i) {
    lost += network.decide(NodeId::server(1), NodeId::server(2), rng).outcome ==
                    LinkDecision::Outcome::lost
                ? 1
                : 0;
  }
  // Binomial(100000, 0.05): mean 5000, sd ~69; 5 sd.
  CHECK(lost > 5000 - 345);
  CHECK(lost < 5000 + 345);
}

TEST_CASE("latency distributions draw inside their definitions", "[network]") {
  Rng rng = RngStreams(2).derive("net", 7);
  LatencyDistribution constant{LatencyDistribution::Kind::constant, Duration::milliseconds(3), {}};
  CHECK(constant.draw(rng) == Duration::milliseconds(3));
  LatencyDistribution uniform{LatencyDistribution::Kind::uniform, Duration::milliseconds(1),
                              Duration::milliseconds(5)};
  int64_t sum = 0;
  for (int i = 0; i < 10'000; ++i) {
    Duration draw = uniform.draw(rng);
    REQUIRE(draw >= Duration::milliseconds(1));
    REQUIRE(draw <= Duration::milliseconds(5));
    sum += draw.ns;
  }
  CHECK(static_cast<double>(sum) / 10'000 == Approx(3'000'000).epsilon(0.02));
  CHECK(uniform.describe() == "uniform(1ms,5ms)");
}

TEST_CASE("partitions are symmetric, cover the unnamed nodes, and heal", "[network]") {
  NetworkConfig config;
  config.server_count = 5;
  NetworkModel network(config);
  Rng rng = RngStreams(1).derive("net", 1);
  network.partition({{NodeId::server(1), NodeId::server(2)}});
  CHECK(network.can_reach(NodeId::server(1), NodeId::server(2)));
  CHECK_FALSE(network.can_reach(NodeId::server(1), NodeId::server(3)));
  CHECK_FALSE(network.can_reach(NodeId::server(3), NodeId::server(1)));
  CHECK(network.can_reach(NodeId::server(3), NodeId::server(5)));  // the unnamed rest
  CHECK(network.can_reach(NodeId::client(1), NodeId::server(3)));  // clients are outside
  CHECK(network.decide(NodeId::server(4), NodeId::server(2), rng).outcome ==
        LinkDecision::Outcome::partitioned);
  network.heal();
  CHECK(network.can_reach(NodeId::server(1), NodeId::server(3)));
}
