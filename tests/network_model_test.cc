// File: network_model_test.cc
// The network model: loss, duplicate and reorder at their rates (binomial 5-sigma bounds over
// fixed seeds), latencies from their distributions, the version-1 draw order kept for default
// configs, exact serialization and FIFO queueing, bounded queues, reachability and clogs.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/network/network_model.h"

using namespace faultline;

namespace {

const NodeId n1 = NodeId::server(1);
const NodeId n2 = NodeId::server(2);
const NodeId n3 = NodeId::server(3);

// |observed - n p| <= 5 sd of Binomial(n, p).
bool within_five_sigma(uint64_t observed, uint64_t trials, Ratio probability) {
  double p =
      static_cast<double>(probability.numerator) / static_cast<double>(probability.denominator);
  double mean = static_cast<double>(trials) * p;
  double sd = std::sqrt(static_cast<double>(trials) * p * (1 - p));
  return std::abs(static_cast<double>(observed) - mean) <= 5 * sd;
}

LatencyDistribution constant(Duration value) {
  return LatencyDistribution{LatencyDistribution::Kind::constant, value, Duration{0}};
}

Time at_ms(int64_t ms) {
  return Time::zero() + Duration::milliseconds(ms);
}

}  // namespace

TEST_CASE("observed loss, duplicate and reorder rates stay inside binomial bounds", "[network]") {
  NetworkConfig config;
  config.server_count = 2;
  config.latency = {LatencyDistribution::Kind::uniform, Duration::milliseconds(1),
                    Duration::milliseconds(5)};
  config.loss = Ratio{1, 20};
  config.duplicate = Ratio{3, 100};
  config.reorder = Ratio{1, 10};
  config.reorder_window = Duration::milliseconds(20);
  NetworkModel network(config);
  for (NodeId source : {n1, NodeId::client(1)}) {  // a server path and a client path
    Rng rng = RngStreams(9).derive("net", source.value);
    uint64_t lost = 0, delivered = 0, duplicated = 0, reordered = 0;
    const uint64_t messages = 200'000;
    for (uint64_t i = 0; i < messages; ++i) {
      LinkDecision decision = network.decide(source, n2, 100, Time::zero(), rng);
      if (!decision.delivered()) {
        REQUIRE(decision.outcome == LinkDecision::Outcome::lost);
        ++lost;
        continue;
      }
      ++delivered;
      if (decision.duplicated) {
        ++duplicated;
        REQUIRE(decision.duplicate_delay >= Duration::milliseconds(1));
        REQUIRE(decision.duplicate_delay <= Duration::milliseconds(5));
      }
      if (decision.reorder_extra.ns > 0) {
        ++reordered;
        REQUIRE(decision.reorder_extra <= Duration::milliseconds(20));
      }
      Duration base = decision.delay - decision.reorder_extra;
      REQUIRE(base >= Duration::milliseconds(1));
      REQUIRE(base <= Duration::milliseconds(5));
    }
    CHECK(within_five_sigma(lost, messages, config.loss));
    CHECK(within_five_sigma(duplicated, delivered, config.duplicate));
    CHECK(within_five_sigma(reordered, delivered, config.reorder));
  }
}

TEST_CASE("a default config draws exactly what version 1 drew", "[network]") {
  // Version 1: loss (only when nonzero), then the latency draw. Nothing else, so golden traces
  // of scenarios without duplicate/reorder/bandwidth keep their hashes.
  for (Ratio loss : {Ratio::zero(), Ratio{1, 10}}) {
    NetworkConfig config;
    config.server_count = 2;
    config.latency = {LatencyDistribution::Kind::lognormal, Duration::milliseconds(2),
                      Duration::milliseconds(20)};
    config.loss = loss;
    NetworkModel network(config);
    Rng model_rng = RngStreams(4).derive("net", 12);
    Rng reference_rng = RngStreams(4).derive("net", 12);
    for (int i = 0; i < 10'000; ++i) {
      LinkDecision decision = network.decide(n1, n2, 500, at_ms(i), model_rng);
      if (reference_rng.chance(loss)) {
        REQUIRE(decision.outcome == LinkDecision::Outcome::lost);
        continue;
      }
      REQUIRE(decision.delivered());
      REQUIRE(decision.delay == config.latency.draw(reference_rng));
      REQUIRE_FALSE(decision.duplicated);
      REQUIRE(decision.reorder_extra == Duration{0});
      REQUIRE_FALSE(decision.held());
    }
    CHECK(model_rng.next() == reference_rng.next());
  }
}

TEST_CASE("latency distributions draw inside their definitions", "[network]") {
  Rng rng = RngStreams(2).derive("net", 7);
  CHECK(constant(Duration::milliseconds(3)).draw(rng) == Duration::milliseconds(3));
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

TEST_CASE("serialization delay is the exact ceiling of bytes * 1e9 / bandwidth", "[network]") {
  CHECK(serialization_delay(1000, unlimited_bandwidth) == Duration{0});
  CHECK(serialization_delay(0, 7) == Duration{0});
  CHECK(serialization_delay(125, 125'000'000) == Duration{1'000});  // 1 Gbps: 8 ns per byte
  CHECK(serialization_delay(1000, 3'000'000) == Duration{333'334});
  CHECK(serialization_delay(1, 1'000'000'000) == Duration{1});
  CHECK(serialization_delay(1, 1'000'000'001) == Duration{1});  // never rounds down to 0
  // bytes * 1e9 = 4e19 overflows 64 bits; the 128-bit intermediate does not.
  CHECK(serialization_delay(40'000'000'000, 7) == Duration{5'714'285'714'285'714'286});
}

TEST_CASE("bandwidth: transfer time is latency plus serialization, back-to-back queue FIFO",
          "[network]") {
  NetworkConfig config;
  config.server_count = 3;
  config.latency = constant(Duration::milliseconds(1));
  config.bandwidth_bytes_per_second = 3'000'000;
  NetworkModel network(config);
  Rng rng = RngStreams(1).derive("net", 1);
  const Duration serialization = serialization_delay(1000, 3'000'000);
  REQUIRE(serialization == Duration{333'334});
  Time now = at_ms(10);
  LinkDecision first = network.decide(n1, n2, 1000, now, rng);
  CHECK(first.delay == serialization + Duration::milliseconds(1));
  CHECK(first.transmission == serialization);
  // Sent at the same instant: waits for the first, finishes at twice the serialization.
  LinkDecision second = network.decide(n1, n2, 1000, now, rng);
  CHECK(second.delay == serialization * 2 + Duration::milliseconds(1));
  CHECK(second.transmission == serialization * 2);
  CHECK(network.queued_bytes(n1, n2, now) == 2000);
  // Other directed links have their own queues.
  CHECK(network.decide(n2, n1, 1000, now, rng).delay == serialization + Duration::milliseconds(1));
  CHECK(network.decide(n1, n3, 1000, now, rng).delay == serialization + Duration::milliseconds(1));
  // Half-way through the second: it still waits for the rest of the queue.
  Time later = now + serialization + Duration{100};
  CHECK(network.queued_bytes(n1, n2, later) == 1000);
  CHECK(network.decide(n1, n2, 1000, later, rng).delay ==
        (now + serialization * 3 - later) + Duration::milliseconds(1));
  // Once the link is idle, a message starts at once.
  Time idle = now + Duration::seconds(1);
  CHECK(network.queued_bytes(n1, n2, idle) == 0);
  CHECK(network.decide(n1, n2, 1000, idle, rng).delay == serialization + Duration::milliseconds(1));
  // Clients are outside the bandwidth model.
  CHECK(network.decide(NodeId::client(1), n2, 1'000'000, now, rng).delay ==
        Duration::milliseconds(1));
  CHECK(network.decide(NodeId::client(1), n2, 1'000'000, now, rng).transmission == Duration{0});
}

TEST_CASE("a full link queue drops exactly the messages that do not fit", "[network]") {
  NetworkConfig config;
  config.server_count = 2;
  config.latency = constant(Duration{0});
  config.bandwidth_bytes_per_second = 1000;  // one byte per ms
  config.queue_capacity_bytes = 1000;
  NetworkModel network(config);
  Rng rng = RngStreams(1).derive("net", 1);
  using Outcome = LinkDecision::Outcome;
  Time now = Time::zero();
  CHECK(network.decide(n1, n2, 300, now, rng).delay == Duration::milliseconds(300));
  CHECK(network.decide(n1, n2, 300, now, rng).delay == Duration::milliseconds(600));
  CHECK(network.decide(n1, n2, 300, now, rng).delay == Duration::milliseconds(900));
  CHECK(network.decide(n1, n2, 300, now, rng).outcome == Outcome::queue_full);  // 1200 > 1000
  CHECK(network.decide(n1, n2, 101, now, rng).outcome == Outcome::queue_full);  // 1001 > 1000
  CHECK(network.decide(n1, n2, 100, now, rng).delay == Duration::milliseconds(1000));  // 1000
  CHECK(network.decide(n1, n2, 1, now, rng).outcome == Outcome::queue_full);
  CHECK(network.queued_bytes(n1, n2, now) == 1000);
  // The first message's last byte leaves at 300ms: exactly 300 bytes of room again.
  Time first_done = at_ms(300);
  CHECK(network.queued_bytes(n1, n2, first_done) == 700);
  CHECK(network.decide(n1, n2, 301, first_done, rng).outcome == Outcome::queue_full);
  CHECK(network.decide(n1, n2, 300, first_done, rng).delay == Duration::milliseconds(1000));
  // A message bigger than the whole queue never fits.
  CHECK(network.decide(n2, n1, 1001, now, rng).outcome == Outcome::queue_full);
  // Long queues grow their ring past its initial size without losing order.
  NetworkConfig wide = config;
  wide.queue_capacity_bytes = 1'000'000;
  NetworkModel long_queue(wide);
  for (int i = 1; i <= 100; ++i) {
    REQUIRE(long_queue.decide(n1, n2, 1, now, rng).delay == Duration::milliseconds(i));
  }
  CHECK(long_queue.queued_bytes(n1, n2, at_ms(40)) == 60);
  CHECK(long_queue.decide(n1, n2, 1, at_ms(40), rng).delay == Duration::milliseconds(61));
}

TEST_CASE("racks and regions give exactly the tier latencies and bottleneck bandwidths",
          "[network]") {
  NetworkConfig config;
  config.server_count = 6;
  config.latency = constant(Duration::microseconds(1));
  config.topology.kind = TopologyConfig::Kind::regions;
  // region 1: racks {n1,n2}, {n3}; region 2: racks {n4}, {n5,n6}
  config.topology.regions = {{{n1, n2}, {n3}},
                             {{NodeId::server(4)}, {NodeId::server(5), NodeId::server(6)}}};
  config.topology.intra_rack = {Duration{7}, 10'000'000'000};  // odd ns stay exact
  config.topology.inter_rack = {Duration{3}, 1'000'000'000};   // below intra_rack: still exact
  config.topology.inter_region = {Duration::milliseconds(20), 100'000'000};
  NetworkModel network(config);
  auto check_path = [&](uint32_t from, uint32_t to, Duration latency, uint64_t bandwidth) {
    INFO("n" << from << " -> n" << to);
    CHECK(network.propagation(NodeId::server(from), NodeId::server(to)) == latency);
    CHECK(network.bandwidth(NodeId::server(from), NodeId::server(to)) == bandwidth);
  };
  check_path(1, 2, Duration{7}, 10'000'000'000);
  check_path(2, 1, Duration{7}, 10'000'000'000);
  check_path(5, 6, Duration{7}, 10'000'000'000);
  check_path(1, 3, Duration{3}, 1'000'000'000);
  check_path(4, 6, Duration{3}, 1'000'000'000);
  check_path(1, 4, Duration::milliseconds(20), 100'000'000);
  check_path(6, 3, Duration::milliseconds(20), 100'000'000);
  // Per message: latency draw + propagation + serialization at the bottleneck.
  Rng rng = RngStreams(1).derive("net", 1);
  CHECK(network.decide(n1, NodeId::server(5), 1000, Time::zero(), rng).delay ==
        Duration::microseconds(1) + Duration::milliseconds(20) + Duration::microseconds(10));

  SECTION("kind racks, capped by network.bandwidth") {
    NetworkConfig racks;
    racks.server_count = 3;
    racks.topology.kind = TopologyConfig::Kind::racks;
    racks.topology.racks = {{n1, n3}, {n2}};
    racks.topology.intra_rack = {Duration::microseconds(50), unlimited_bandwidth};
    racks.topology.inter_rack = {Duration::microseconds(500), 2'000'000'000};
    racks.bandwidth_bytes_per_second = 1'000'000'000;
    NetworkModel rack_network(racks);
    CHECK(rack_network.propagation(n1, n3) == Duration::microseconds(50));
    CHECK(rack_network.bandwidth(n1, n3) == 1'000'000'000);
    CHECK(rack_network.propagation(n3, n2) == Duration::microseconds(500));
    CHECK(rack_network.bandwidth(n3, n2) == 1'000'000'000);
  }
  SECTION("kind mesh: no propagation, network.bandwidth everywhere") {
    NetworkConfig mesh;
    mesh.server_count = 3;
    mesh.bandwidth_bytes_per_second = 5;
    NetworkModel mesh_network(mesh);
    CHECK(mesh_network.propagation(n1, n3) == Duration{0});
    CHECK(mesh_network.bandwidth(n2, n3) == 5);
  }
}

TEST_CASE("a link override wins over the topology and the network defaults", "[network]") {
  NetworkConfig config;
  config.server_count = 3;
  config.latency = constant(Duration::milliseconds(1));
  config.topology.kind = TopologyConfig::Kind::racks;
  config.topology.racks = {{n1, n2, n3}};
  config.topology.intra_rack = {Duration::milliseconds(2), 1'000'000};
  config.links.push_back(LinkOverride{n1, n2, constant(Duration::milliseconds(9)),
                                      uint64_t{1'000'000'000}, std::nullopt, false});
  config.links.push_back(LinkOverride{n1, n3, std::nullopt, std::nullopt, Ratio::one(), true});
  NetworkModel network(config);
  Rng rng = RngStreams(1).derive("net", 1);
  // The override's latency replaces both the draw and the propagation; its bandwidth replaces the
  // topology's, even upwards.
  CHECK(network.propagation(n1, n2) == Duration{0});
  CHECK(network.bandwidth(n1, n2) == 1'000'000'000);
  CHECK(network.bandwidth(n2, n1) == 1'000'000'000);
  CHECK(network.decide(n2, n1, 1000, Time::zero(), rng).delay ==
        Duration::milliseconds(9) + Duration::microseconds(1));
  // A one-way lossy override: n1 -> n3 always lost, n3 -> n1 untouched.
  CHECK(network.decide(n1, n3, 10, Time::zero(), rng).outcome == LinkDecision::Outcome::lost);
  CHECK(network.decide(n3, n1, 1000, Time::zero(), rng).delay ==
        Duration::milliseconds(1) + Duration::milliseconds(2) + Duration::milliseconds(1));
  CHECK(network.propagation(n2, n3) == Duration::milliseconds(2));
}

TEST_CASE("reachability: groups are symmetric, one-way cuts drop one direction", "[network]") {
  NetworkConfig config;
  config.server_count = 5;
  NetworkModel network(config);
  Rng rng = RngStreams(1).derive("net", 1);
  using Outcome = LinkDecision::Outcome;
  network.partition({{n1, n2}});
  CHECK(network.can_reach(n1, n2));
  CHECK_FALSE(network.can_reach(n1, n3));
  CHECK_FALSE(network.can_reach(n3, n1));
  CHECK(network.can_reach(n3, NodeId::server(5)));  // the unnamed rest
  CHECK(network.can_reach(NodeId::client(1), n3));  // clients are outside
  CHECK(network.decide(NodeId::server(4), n2, 10, Time::zero(), rng).outcome ==
        Outcome::partitioned);
  CHECK(network.decide(NodeId::client(1), n2, 10, Time::zero(), rng).delivered());
  network.heal();
  CHECK(network.can_reach(n1, n3));

  network.set_reachability(Reachability::one_way(5, {1}, {2, 3}));
  CHECK(network.decide(n1, n2, 10, Time::zero(), rng).outcome == Outcome::partitioned);
  CHECK(network.decide(n1, n3, 10, Time::zero(), rng).outcome == Outcome::partitioned);
  CHECK(network.decide(n2, n1, 10, Time::zero(), rng).delivered());
  CHECK(network.decide(n3, n1, 10, Time::zero(), rng).delivered());
  CHECK(network.decide(n1, NodeId::server(4), 10, Time::zero(), rng).delivered());
  network.heal();
  CHECK(network.decide(n1, n2, 10, Time::zero(), rng).delivered());
}

TEST_CASE("a clog holds messages until its end; heal ends it", "[network]") {
  NetworkConfig config;
  config.server_count = 3;
  config.latency = constant(Duration::milliseconds(1));
  NetworkModel network(config);
  Rng rng = RngStreams(1).derive("net", 1);
  network.clog({n1}, {}, at_ms(5000));  // n1 -> every server
  LinkDecision held = network.decide(n1, n2, 10, at_ms(1000), rng);
  CHECK(held.held_until == at_ms(5000));
  CHECK(held.delay == Duration::milliseconds(4001));
  CHECK(network.decide(n1, n3, 10, at_ms(4999), rng).delay == Duration::milliseconds(2));
  CHECK_FALSE(network.decide(n2, n1, 10, at_ms(1000), rng).held());  // the reverse flows
  CHECK_FALSE(network.decide(n1, NodeId::client(1), 10, at_ms(1000), rng).held());
  // At its end the clog is over.
  LinkDecision after = network.decide(n1, n2, 10, at_ms(5000), rng);
  CHECK_FALSE(after.held());
  CHECK(after.delay == Duration::milliseconds(1));
  // Overlapping clogs: held until the later end.
  network.clog({n2}, {n3}, at_ms(7000));
  network.clog({}, {n3}, at_ms(8000));
  CHECK(network.clog_release(n2, n3, at_ms(6000)) == at_ms(8000));
  CHECK(network.clog_release(n1, n2, at_ms(6000)) == at_ms(6000));
  network.heal();
  CHECK_FALSE(network.decide(n2, n3, 10, at_ms(6000), rng).held());
  CHECK(network.clog_release(n2, n3, at_ms(6000)) == at_ms(6000));
}

TEST_CASE("a clogged link queues behind the clog, then serializes FIFO", "[network]") {
  NetworkConfig config;
  config.server_count = 2;
  config.latency = constant(Duration{0});
  config.bandwidth_bytes_per_second = 1000;
  config.queue_capacity_bytes = 500;
  NetworkModel network(config);
  Rng rng = RngStreams(1).derive("net", 1);
  network.clog({n1}, {n2}, at_ms(100));
  CHECK(network.decide(n1, n2, 200, at_ms(0), rng).delay == Duration::milliseconds(300));
  CHECK(network.decide(n1, n2, 200, at_ms(50), rng).delay == Duration::milliseconds(450));
  // The held bytes occupy the queue.
  CHECK(network.decide(n1, n2, 200, at_ms(60), rng).outcome == LinkDecision::Outcome::queue_full);
}
