// File: heartbeat_protocol_test.cc
// The heartbeat protocol on one node (n1 of three) driven through FakeEnv: heartbeats it sends,
// the suspicion timers it arms, and the exact instants of fd.suspect / fd.trust, with the
// incarnation and sequence rules (duplicates are no news; a restarted peer starts afresh).
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "protocols/heartbeat/heartbeat_messages.h"
#include "protocols/heartbeat/heartbeat_protocol.h"
#include "sim/env/testing/fake_env.h"

namespace faultline::heartbeat {
namespace {

constexpr NodeId n1 = NodeId::server(1);
constexpr NodeId n2 = NodeId::server(2);
constexpr NodeId n3 = NodeId::server(3);

// Records what n1 sends and traces, as lines, and owns the clock.
class World final : public testing::FakeWorld {
 public:
  void on_send(NodeId from, NodeId to, MessagePtr message) override {
    const auto& heartbeat = static_cast<const Heartbeat&>(*message);
    lines.push_back(
        fmt::format("{}->{} Heartbeat seq={}", from.name(), to.name(), heartbeat.sequence));
  }
  void on_trace(NodeId node, const TraceEvent& event) override {
    lines.push_back(fmt::format("{} {}.{} {}={}", node.name(), event.component, event.name,
                                event.fields[0].key, event.fields[0].text));
  }
  Time now() const override { return clock; }

  // The lines recorded since the last call.
  std::vector<std::string> take() { return std::exchange(lines, {}); }

  Time clock = Time::zero();
  std::vector<std::string> lines;
};

struct Harness {
  Harness(DetectorConfig detector) : env(n1, {n2, n3}, world) {
    HeartbeatConfig config;
    config.detector = detector;
    protocol = make_heartbeat(env, config);
  }
  void at_ms(int64_t ms) { world.clock = Time{ms * 1'000'000}; }
  // Fires the armed timer with `tag`; false if none is armed.
  bool fire(uint64_t tag) {
    std::optional<TimerId> timer = env.take_timer(tag);
    if (!timer) {
      return false;
    }
    protocol->on_timer(*timer, tag);
    return true;
  }
  void heartbeat_from(NodeId peer, uint64_t incarnation, uint64_t sequence) {
    auto message = std::make_shared<Heartbeat>();
    message->incarnation = incarnation;
    message->sequence = sequence;
    protocol->on_message(peer, message);
  }

  World world;
  testing::FakeEnv env;
  std::unique_ptr<Protocol> protocol;
};

DetectorConfig fixed_timeout() {
  DetectorConfig config;
  config.interval = Duration::milliseconds(100);
  config.timeout = Duration::milliseconds(300);
  return config;
}

using Lines = std::vector<std::string>;

TEST_CASE("heartbeat: sends to every peer each interval", "[heartbeat]") {
  Harness harness(fixed_timeout());
  harness.protocol->on_start();
  CHECK(harness.world.take() == Lines{"n1->n2 Heartbeat seq=1", "n1->n3 Heartbeat seq=1"});
  harness.at_ms(100);
  REQUIRE(harness.fire(heartbeat_send_tag));
  CHECK(harness.world.take() == Lines{"n1->n2 Heartbeat seq=2", "n1->n3 Heartbeat seq=2"});
  CHECK(harness.env.take_timer(heartbeat_send_tag).has_value());  // re-armed
}

TEST_CASE("heartbeat: suspect at the detector's suspicion time, trust on a heartbeat",
          "[heartbeat]") {
  Harness harness(fixed_timeout());
  harness.protocol->on_start();
  harness.world.take();
  harness.at_ms(50);
  harness.heartbeat_from(n2, 7, 1);  // n2's suspicion timer moves to 350ms
  harness.at_ms(300);
  REQUIRE(harness.fire(n3.value));
  CHECK(harness.world.take() == Lines{"n1 fd.suspect target=n3"});
  CHECK_FALSE(harness.env.take_timer(n3.value).has_value());  // suspected: nothing to watch
  // Fired a nanosecond early (a drifting clock's rounding): no verdict, the timer is re-armed.
  harness.world.clock = Time{350'000'000 - 1};
  REQUIRE(harness.fire(n2.value));
  CHECK(harness.world.take().empty());
  harness.at_ms(350);
  REQUIRE(harness.fire(n2.value));
  CHECK(harness.world.take() == Lines{"n1 fd.suspect target=n2"});
  // A heartbeat from a suspected peer: trust, and watch it again.
  harness.at_ms(400);
  harness.heartbeat_from(n3, 9, 1);
  CHECK(harness.world.take() == Lines{"n1 fd.trust target=n3"});
  CHECK(harness.env.take_timer(n3.value).has_value());
}

TEST_CASE("heartbeat: duplicates carry no news; a new incarnation does", "[heartbeat]") {
  Harness harness(fixed_timeout());
  harness.protocol->on_start();
  harness.world.take();
  harness.at_ms(100);
  harness.heartbeat_from(n2, 7, 5);
  harness.at_ms(400);
  REQUIRE(harness.fire(n2.value));
  CHECK(harness.world.take() == Lines{"n1 fd.suspect target=n2"});
  // A late duplicate (or an overtaken copy) of sequence <= 5 does not restore trust.
  harness.at_ms(450);
  harness.heartbeat_from(n2, 7, 5);
  harness.heartbeat_from(n2, 7, 4);
  CHECK(harness.world.take().empty());
  // n2 restarted: its sequence starts again at 1 under a new incarnation, and counts.
  harness.at_ms(500);
  harness.heartbeat_from(n2, 8, 1);
  CHECK(harness.world.take() == Lines{"n1 fd.trust target=n2"});
  // Suspected again exactly one timeout after it.
  harness.at_ms(800);
  REQUIRE(harness.fire(n2.value));
  CHECK(harness.world.take() == Lines{"n1 fd.suspect target=n2"});
}

TEST_CASE("heartbeat: phi-accrual suspicion timer at the computed instant", "[heartbeat]") {
  DetectorConfig config = fixed_timeout();
  config.kind = DetectorConfig::Kind::phi_accrual;
  config.window = 10;
  Harness harness(config);
  harness.protocol->on_start();
  harness.world.take();
  // n3 never speaks: the first-heartbeat estimate (mean 100ms, deviation 25ms) suspects it at
  // 100ms + 25ms * 5.612001244 = 240.300031ms, i.e. at 240300032 ns.
  harness.world.clock = Time{240'300'031};
  REQUIRE(harness.fire(n3.value));
  CHECK(harness.world.take().empty());
  harness.world.clock = Time{240'300'032};
  REQUIRE(harness.fire(n3.value));
  CHECK(harness.world.take() == Lines{"n1 fd.suspect target=n3"});
}

}  // namespace
}  // namespace faultline::heartbeat
