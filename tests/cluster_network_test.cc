// File: cluster_network_test.cc
// The fabric over the network model: duplicates delivered twice as one shared message, clog
// holds traced and ended by heal, queue_full drops counted, one-way reachability, and every
// message either delivered once per copy or dropped with a traced reason.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "sim/cluster/cluster.h"

using namespace faultline;

namespace {

struct Ping : Message {
  uint64_t bytes = 100;
  std::string_view type_name() const override { return "Ping"; }
  uint64_t size_bytes() const override { return bytes; }
  uint32_t kind() const override { return 900; }
};

// Every server sends `pings` pings to each peer when it starts; records what arrives.
struct Deliveries {
  std::vector<std::pair<Time, const Message*>> received;  // at n2 only
};

class PingProtocol : public Protocol {
 public:
  PingProtocol(NodeEnv& env, uint32_t pings, uint64_t bytes, Deliveries& deliveries)
      : env_(env), pings_(pings), bytes_(bytes), deliveries_(deliveries) {}
  void on_start() override {
    if (env_.self() != NodeId::server(1)) {
      return;
    }
    for (uint32_t i = 0; i < pings_; ++i) {
      auto ping = std::make_shared<Ping>();
      ping->bytes = bytes_;
      env_.send(NodeId::server(2), ping);
      env_.send(NodeId::server(3), ping);
    }
  }
  void on_message(NodeId, const MessagePtr& message) override {
    if (env_.self() == NodeId::server(2)) {
      deliveries_.received.emplace_back(env_.now(), message.get());
    }
  }
  void on_timer(TimerId, uint64_t) override {}
  void on_storage_complete(StorageOpId, StorageStatus) override {}

 private:
  NodeEnv& env_;
  uint32_t pings_;
  uint64_t bytes_;
  Deliveries& deliveries_;
};

class LineCollector : public TraceObserver {
 public:
  void on_trace(const TraceEvent& event) override {
    fmt::memory_buffer line;
    TraceSink::format_line(event, line);
    lines.emplace_back(line.data(), line.size());
  }
  size_t count(std::string_view text) const {
    size_t found = 0;
    for (const auto& line : lines) {
      found += line.find(text) != std::string::npos ? 1 : 0;
    }
    return found;
  }
  std::vector<std::string> lines;
};

struct World {
  explicit World(ClusterConfig config, uint32_t pings, uint64_t bytes = 100)
      : streams(5),
        cluster(
            config,
            [this, pings, bytes](NodeEnv& env) {
              return std::make_unique<PingProtocol>(env, pings, bytes, deliveries);
            },
            streams, simulator, trace) {
    trace.add_observer(&lines);
  }
  void run(Duration for_how_long) {
    simulator.run_until(simulator.now() + for_how_long, 1'000'000);
  }
  Deliveries deliveries;
  RngStreams streams;
  Simulator simulator;
  TraceSink trace;
  LineCollector lines;
  Cluster cluster;
};

ClusterConfig three_servers() {
  ClusterConfig config;
  config.server_count = 3;
  config.network.latency = {LatencyDistribution::Kind::uniform, Duration::milliseconds(1),
                            Duration::milliseconds(9)};
  return config;
}

void check_accounting(const World& world) {
  const ClusterCounters& counters = world.cluster.counters();
  CHECK(counters.messages_delivered + counters.dropped() ==
        counters.messages_sent + counters.duplicated);
}

}  // namespace

TEST_CASE("cluster: a duplicated message arrives twice as the same shared message", "[cluster]") {
  ClusterConfig config = three_servers();
  config.network.duplicate = Ratio::one();
  World world(config, 50);
  world.cluster.start();
  world.run(Duration::seconds(1));
  const ClusterCounters& counters = world.cluster.counters();
  CHECK(counters.messages_sent == 100);
  CHECK(counters.duplicated == 100);
  CHECK(counters.messages_delivered == 200);
  CHECK(world.lines.count("net.duplicate id=") == 100);
  REQUIRE(world.deliveries.received.size() == 100);
  std::map<const Message*, int> copies;
  for (const auto& [at, message] : world.deliveries.received) {
    ++copies[message];
  }
  CHECK(copies.size() == 50);  // one body per message, each seen twice
  for (const auto& [message, seen] : copies) {
    CHECK(seen == 2);
  }
  check_accounting(world);
}

TEST_CASE("cluster: reordered messages are traced and counted", "[cluster]") {
  ClusterConfig config = three_servers();
  config.network.reorder = Ratio{1, 2};
  config.network.reorder_window = Duration::milliseconds(50);
  World world(config, 200);
  world.cluster.start();
  world.run(Duration::seconds(1));
  const ClusterCounters& counters = world.cluster.counters();
  CHECK(counters.reordered > 100);
  CHECK(counters.reordered < 300);
  CHECK(world.lines.count("net.reorder id=") == counters.reordered);
  CHECK(counters.messages_delivered == 400);
  check_accounting(world);
}

TEST_CASE("cluster: a clog holds messages until its end; heal ends clogs", "[cluster]") {
  World world(three_servers(), 3);
  world.cluster.clog({NodeId::server(1)}, {NodeId::server(2)}, Time::zero() + Duration::seconds(2));
  world.cluster.clog({}, {}, Time::zero() + Duration::seconds(30));
  world.cluster.heal();  // ends the second clog before anything is sent
  CHECK(world.lines.count("net.clog_end from=all to=all reason=heal") == 1);
  world.cluster.clog({NodeId::server(1)}, {NodeId::server(2)}, Time::zero() + Duration::seconds(2));
  // The first n1 -> n2 clog was ended by the heal too; this is the second.
  CHECK(world.lines.count("net.clog from=n1 to=n2 until=2000000000") == 2);
  CHECK(world.lines.count("net.clog_end from=n1 to=n2 reason=heal") == 1);
  world.cluster.start();
  world.run(Duration::seconds(5));
  const ClusterCounters& counters = world.cluster.counters();
  CHECK(counters.clogged == 3);  // n1 -> n2 only; n1 -> n3 flows
  CHECK(world.lines.count("net.clog_hold id=") == 3);
  CHECK(world.lines.count("net.clog_end from=n1 to=n2 reason=expired") == 1);
  REQUIRE(world.deliveries.received.size() == 3);
  for (const auto& [at, message] : world.deliveries.received) {
    CHECK(at >= Time::zero() + Duration::seconds(2) + Duration::milliseconds(1));
    CHECK(at <= Time::zero() + Duration::seconds(2) + Duration::milliseconds(9));
  }
  CHECK(counters.messages_delivered == 6);
  check_accounting(world);
}

TEST_CASE("cluster: a full link queue drops with reason queue_full", "[cluster]") {
  ClusterConfig config = three_servers();
  config.network.bandwidth_bytes_per_second = 1'000'000;
  config.network.queue_capacity_bytes = 10'000;
  World world(config, 15, 1000);  // 15 x 1000 bytes per link: 10 fit
  world.cluster.start();
  world.run(Duration::seconds(1));
  const ClusterCounters& counters = world.cluster.counters();
  CHECK(counters.dropped_queue_full == 10);  // 5 per link
  CHECK(counters.dropped() == 10);
  CHECK(world.lines.count("reason=queue_full") == 10);
  CHECK(counters.messages_delivered == 20);
  // FIFO at 1 ms per message: the tenth arrives after 10 ms of serialization.
  REQUIRE(world.deliveries.received.size() == 10);
  CHECK(world.deliveries.received.back().first >= Time::zero() + Duration::milliseconds(11));
  check_accounting(world);
}

TEST_CASE("cluster: one-way reachability drops one direction only", "[cluster]") {
  World world(three_servers(), 4);
  world.cluster.set_reachability(Reachability::one_way(3, {1}, {2}), "");
  CHECK(world.lines.count("net.partition groups=n1->n2") == 1);
  world.cluster.set_reachability(Reachability::one_way(3, {1}, {2}), "one_way(n1->n2)");
  CHECK(world.lines.count("net.partition groups=one_way(n1->n2)") == 1);
  world.cluster.start();
  world.run(Duration::seconds(1));
  const ClusterCounters& counters = world.cluster.counters();
  CHECK(counters.dropped_partition == 4);
  CHECK(world.deliveries.received.empty());
  CHECK(counters.messages_delivered == 4);  // n1 -> n3
  CHECK(world.cluster.network().can_reach(NodeId::server(2), NodeId::server(1)));
  check_accounting(world);
}
