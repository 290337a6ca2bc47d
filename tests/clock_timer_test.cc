// File: clock_timer_test.cc
// Timers under modelled clocks, through the real Cluster and Simulator: a drifting clock's timers
// fire at the exact global times the drift implies; a forward jump fires overdue timers at once in
// (deadline, id) order; a backward jump delays them by exactly |by|; a crash keeps the clock; the
// trace carries local time only when clocks are modelled.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/cluster/cluster.h"

using namespace faultline;

namespace {

constexpr int64_t second = 1'000'000'000;

struct Firing {
  uint64_t tag;
  Time global;
  Time local;
};

// Arms the timers it is told to at start; a timer with tag `periodic_tag` re-arms itself
// `periodic_count` times with the same delay. Records every firing with both clocks.
struct TimerScript {
  std::vector<Duration> delays;  // tag i+1 for delays[i]
  Duration periodic{0};
  int periodic_count = 0;
  std::vector<Firing> firings;
  std::vector<TimerId> ids;
  const Simulator* simulator = nullptr;
  NodeEnv* env = nullptr;
};

constexpr uint64_t periodic_tag = 1'000'000;

class TimerProtocol final : public Protocol {
 public:
  TimerProtocol(NodeEnv& env, TimerScript& script) : env_(env), script_(script) {
    script_.env = &env;
  }
  void on_start() override {
    for (size_t i = 0; i < script_.delays.size(); ++i) {
      script_.ids.push_back(env_.set_timer(script_.delays[i], i + 1));
    }
    if (script_.periodic_count > 0) {
      env_.set_timer(script_.periodic, periodic_tag);
    }
  }
  void on_message(NodeId, const MessagePtr&) override {}
  void on_timer(TimerId, uint64_t tag) override {
    script_.firings.push_back(Firing{tag, script_.simulator->now(), env_.now()});
    env_.trace(TraceEvent{"test", "fired", {{"tag", static_cast<int64_t>(tag)}}});
    if (tag == periodic_tag && --script_.periodic_count > 0) {
      env_.set_timer(script_.periodic, periodic_tag);
    }
  }
  void on_storage_complete(StorageOpId, StorageStatus) override {}

 private:
  NodeEnv& env_;
  TimerScript& script_;
};

// One server n1 with the given clock, driven by `script`.
struct World {
  World(TimerScript& script, ClockOverride clock, bool modelled = true)
      : streams(1),
        cluster(
            [&] {
              ClusterConfig config;
              config.server_count = 1;
              config.clocks.nodes[NodeId::server(1)] = clock;
              config.clocks_modelled = modelled;
              return config;
            }(),
            [&script](NodeEnv& env) { return std::make_unique<TimerProtocol>(env, script); },
            streams, simulator, trace) {
    script.simulator = &simulator;
    cluster.start();
  }
  void run_until(int64_t ns) {
    REQUIRE(simulator.run_until(Time{ns}, 1'000'000) == Simulator::RunResult::reached_time);
  }

  RngStreams streams;
  Simulator simulator;
  TraceSink trace{200};
  Cluster cluster;
};

int64_t ceil_div(int64_t numerator, int64_t denominator) {
  return (numerator + denominator - 1) / denominator;
}

}  // namespace

TEST_CASE("a fast clock's timers fire at ceil(deadline / 1.1) global", "[clock]") {
  TimerScript script;
  for (int64_t i = 1; i <= 500; ++i) {
    script.delays.push_back(Duration{i * 1'000'003});
  }
  script.delays.push_back(Duration::seconds(1));
  World world(script, ClockOverride{Duration{0}, 100'000});
  world.run_until(2 * second);
  REQUIRE(script.firings.size() == script.delays.size());
  for (const Firing& firing : script.firings) {
    int64_t deadline = script.delays[firing.tag - 1].ns;
    // local = floor(global * 11 / 10); the earliest global with local >= deadline is
    // ceil(deadline * 10 / 11).
    REQUIRE(firing.global.ns == ceil_div(deadline * 10, 11));
    REQUIRE(firing.local.ns == firing.global.ns * 11 / 10);
    REQUIRE(firing.local.ns >= deadline);
  }
  CHECK(script.firings.back().global == Time{909'090'910});  // the 1s timer
}

TEST_CASE("a periodic timer on a drifting, offset clock keeps exact global times", "[clock]") {
  for (int64_t drift_ppm : {100'000, -100'000, 37, -1}) {
    TimerScript script;
    script.periodic = Duration::milliseconds(150);
    script.periodic_count = 200;
    const int64_t offset = -2'500'001;
    World world(script, ClockOverride{Duration{offset}, drift_ppm});
    world.run_until(40 * second);
    REQUIRE(script.firings.size() == 200);
    // Independent model: local(g) = offset + floor(g * rate / 1e6); each firing re-arms at
    // local_now + 150ms and fires at the first g whose local reaches it.
    const int64_t rate = 1'000'000 + drift_ppm;
    auto local_at = [&](int64_t global) {
      __extension__ __int128 scaled = static_cast<__int128>(global) * rate;
      return offset + static_cast<int64_t>(scaled / 1'000'000);
    };
    int64_t local_now = offset;
    for (const Firing& firing : script.firings) {
      int64_t deadline = local_now + 150'000'000;
      __extension__ __int128 needed = static_cast<__int128>(deadline - offset) * 1'000'000;
      int64_t expected = static_cast<int64_t>((needed + rate - 1) / rate);
      REQUIRE(firing.global.ns == expected);
      REQUIRE(firing.local.ns == local_at(expected));
      REQUIRE(local_at(expected - 1) < deadline);
      local_now = firing.local.ns;
    }
  }
}

TEST_CASE("a forward jump fires overdue timers at once in deadline then id order", "[clock]") {
  TimerScript script;
  // Tags 1..5; deadlines 5s, 3s, 3s, 10s, 20s of local time.
  script.delays = {Duration::seconds(5), Duration::seconds(3), Duration::seconds(3),
                   Duration::seconds(10), Duration::seconds(20)};
  World world(script, ClockOverride{Duration{0}, 0});
  world.simulator.schedule_callback_at(
      Time{2 * second}, [&] { world.cluster.clock_jump(NodeId::server(1), Duration::seconds(6)); });
  world.run_until(30 * second);
  REQUIRE(script.firings.size() == 5);
  std::vector<uint64_t> order;
  for (const Firing& firing : script.firings) {
    order.push_back(firing.tag);
  }
  CHECK(order == std::vector<uint64_t>{2, 3, 1, 4, 5});
  CHECK(script.firings[0].global == Time{2 * second});
  CHECK(script.firings[1].global == Time{2 * second});
  CHECK(script.firings[2].global == Time{2 * second});
  CHECK(script.firings[3].global == Time{4 * second});   // local 10s
  CHECK(script.firings[4].global == Time{14 * second});  // local 20s
  CHECK(script.firings[0].local == Time{8 * second});
  CHECK(world.cluster.counters().clock_jumps == 1);
}

TEST_CASE("a backward jump delays every pending timer by exactly |by|", "[clock]") {
  TimerScript script;
  for (int64_t i = 1; i <= 50; ++i) {
    script.delays.push_back(Duration{i * 100'000'007});
  }
  const int64_t offset = 12'345;
  World world(script, ClockOverride{Duration{offset}, 0});
  const int64_t back = 700'000'003;
  world.simulator.schedule_callback_at(
      Time{second / 2}, [&] { world.cluster.clock_jump(NodeId::server(1), Duration{-back}); });
  world.run_until(10 * second);
  REQUIRE(script.firings.size() == 50);
  for (const Firing& firing : script.firings) {
    int64_t delay = script.delays[firing.tag - 1].ns;
    // Deadline offset + delay on a clock that reads offset + g: due at g = delay; a timer already
    // fired before the jump (at 0.5s) is not affected.
    int64_t expected = delay <= second / 2 ? delay : delay + back;
    REQUIRE(firing.global.ns == expected);
  }
}

TEST_CASE("a cancelled timer stays cancelled across a jump", "[clock]") {
  for (int64_t by : {-second, 10 * second}) {
    TimerScript script;
    script.delays = {Duration::seconds(3), Duration::seconds(4)};
    World world(script, ClockOverride{Duration{0}, 0});
    world.simulator.schedule_callback_at(Time{second / 2},
                                         [&] { script.env->cancel_timer(script.ids[0]); });
    world.simulator.schedule_callback_at(
        Time{second}, [&] { world.cluster.clock_jump(NodeId::server(1), Duration{by}); });
    world.run_until(20 * second);
    REQUIRE(script.firings.size() == 1);
    CHECK(script.firings[0].tag == 2);
    CHECK(script.firings[0].global == Time{by < 0 ? 5 * second : second});
  }
}

TEST_CASE("a crash keeps the clock and a restart continues it", "[clock]") {
  TimerScript script;
  World world(script, ClockOverride{Duration::milliseconds(7), 100'000});
  world.run_until(second);
  CHECK(world.cluster.local_time(NodeId::server(1)) == Time{7'000'000 + 1'100'000'000});
  world.cluster.crash(NodeId::server(1));
  world.run_until(2 * second);
  world.cluster.clock_jump(NodeId::server(1), Duration::milliseconds(-7));  // while down
  world.cluster.restart(NodeId::server(1));
  world.run_until(3 * second);
  CHECK(world.cluster.local_time(NodeId::server(1)) == Time{3'300'000'000});
}

TEST_CASE("the trace shows local time only when clocks are modelled", "[clock]") {
  {
    TimerScript script;
    script.delays = {Duration::seconds(1)};
    World world(script, ClockOverride{Duration{-20}, 100'000});
    world.run_until(second);
    world.cluster.clock_jump(NodeId::server(1), Duration{500});
    std::vector<std::string> lines = world.trace.tail();
    REQUIRE(lines.size() == 2);
    // Armed at local -20 for local 999999980: global ceil(1e9 / 1.1) = 909090910, where local
    // reads floor(909090910 * 1.1) - 20 = 999999981.
    CHECK(lines[0] == "909090910 n1@999999981 test.fired tag=1");
    CHECK(lines[1] == "1000000000 n1@1100000480 clock.jump by=500 local=1100000480");
  }
  {
    TimerScript script;
    script.delays = {Duration::seconds(1)};
    World world(script, ClockOverride{Duration{-20}, 100'000}, false);
    world.run_until(second);
    world.cluster.clock_jump(NodeId::server(1), Duration{500});
    std::vector<std::string> lines = world.trace.tail();
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "909090910 n1 test.fired tag=1");
    CHECK(lines[1] == "1000000000 n1 clock.jump by=500 local=1100000480");
  }
}
