// File: nemesis_test.cc
// The nemesis over a fake world and a real Simulator: determinism per seed, Poisson arrival
// counts, the fault budget at every instant (recomputed independently by the fake after every
// call), permanent damage, stop() undoing every temporary fault, and swarm configurations.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "sim/cluster/nemesis.h"

namespace faultline {
namespace {

// Keeps up/reachability/clog/disk/damage state, logs every call, and after every mutating call
// recomputes the number of faulty servers under the documented budget rule on its own.
class FakeWorld : public NemesisWorld {
 public:
  FakeWorld(uint32_t server_count, Simulator& simulator, uint32_t max_faulty)
      : server_count_(server_count),
        simulator_(simulator),
        max_faulty_(max_faulty),
        reachability_(server_count),
        up_(server_count + 1, true),
        damaged_(server_count + 1, false),
        disk_full_(server_count + 1, false),
        skewed_until_(server_count + 1, Time::zero()) {}

  uint32_t server_count() const override { return server_count_; }
  bool is_up(NodeId node) const override { return up_.at(node.number()); }
  NodeId leader() const override {
    for (uint32_t number = 1; number <= server_count_; ++number) {
      if (up_[number]) {
        return NodeId::server(number);
      }
    }
    return NodeId::none();
  }
  const Reachability& reachability() const override { return reachability_; }
  Time now() const override { return simulator_.now(); }

  void crash(NodeId node, bool tear) override {
    log(fmt::format("crash {} tear={}", node.name(), tear));
    if (!up_[node.number()]) {
      ++errors;  // the nemesis crashes only up servers
    }
    up_[node.number()] = false;
    after_call();
  }
  void restart(NodeId node) override {
    log("restart " + node.name());
    if (up_[node.number()] || damaged_[node.number()]) {
      ++errors;  // only down, undamaged servers are restarted
    }
    up_[node.number()] = true;
    after_call();
  }
  void set_reachability(const Reachability& reachability, std::string description) override {
    log("reach " + description);
    reachability_ = reachability;
    after_call();
  }
  void heal_network() override {
    log("heal_network");
    reachability_ = Reachability(server_count_);
    clogs_.clear();
    after_call();
  }
  void clog(std::vector<NodeId> from, std::vector<NodeId> to, Time until) override {
    std::string text = "clog";
    for (NodeId node : from) {
      text += " " + node.name();
    }
    text += " ->";
    for (NodeId node : to) {
      text += " " + node.name();
    }
    log(fmt::format("{} until={}", text, until.ns));
    if (until <= now()) {
      ++errors;
    }
    clogs_.push_back(Clog{std::move(from), std::move(to), until});
    after_call();
  }
  void clock_jump(NodeId node, Duration by) override {
    log(fmt::format("clock_jump {} by={}", node.name(), by.ns));
    if (by.ns == 0 || std::llabs(by.ns) > clock_jump_max.ns) {
      ++errors;
    }
    skewed_until_[node.number()] =
        std::max(skewed_until_[node.number()], now() + Duration{std::llabs(by.ns)});
    after_call();
  }
  void corrupt(NodeId node, uint32_t records) override {
    log(fmt::format("corrupt {} records={}", node.name(), records));
    damaged_[node.number()] = true;
    after_call();
  }
  void wipe(NodeId node) override {
    log("wipe " + node.name());
    damaged_[node.number()] = true;
    up_[node.number()] = false;  // restarted on an empty disk, Raft refuses to start and halts
    after_call();
  }
  void set_disk_full(NodeId node, bool full) override {
    log(fmt::format("disk_full {} {}", node.name(), full));
    disk_full_[node.number()] = full;
    if (full && halt_on_disk_full) {
      up_[node.number()] = false;  // its next sync fails and Raft halts
    }
    after_call();
  }
  void record(TraceEvent& event) override {
    event.time = now();
    fmt::memory_buffer line;
    TraceSink::format_line(event, line);
    trace_lines.push_back(fmt::to_string(line));
    calls.push_back(trace_lines.back());
  }

  // Faulty servers now, computed from the fake's own state without Reachability::well_connected.
  uint32_t faulty_now() const {
    std::vector<bool> healthy(server_count_ + 1, false);
    for (uint32_t number = 1; number <= server_count_; ++number) {
      healthy[number] =
          up_[number] && !damaged_[number] && !disk_full_[number] && skewed_until_[number] <= now();
    }
    uint32_t faulty = 0;
    for (uint32_t node = 1; node <= server_count_; ++node) {
      uint32_t mutual = 0;
      for (uint32_t other = 1; other <= server_count_; ++other) {
        mutual += healthy[other] && passes(node, other) && passes(other, node) ? 1 : 0;
      }
      bool good = healthy[node] && mutual >= server_count_ / 2 + 1;
      faulty += good ? 0 : 1;
    }
    return faulty;
  }
  bool any_clog_active() const {
    for (const Clog& clog : clogs_) {
      if (clog.until > now()) {
        return true;
      }
    }
    return false;
  }
  bool any_disk_full() const {
    return std::find(disk_full_.begin(), disk_full_.end(), true) != disk_full_.end();
  }
  bool is_damaged(uint32_t number) const { return damaged_[number]; }
  uint32_t damaged_count() const {
    return static_cast<uint32_t>(std::count(damaged_.begin(), damaged_.end(), true));
  }

  bool halt_on_disk_full = false;
  Duration clock_jump_max = Duration::seconds(1);
  std::vector<std::string> calls;        // world calls and trace lines, in order
  std::vector<std::string> trace_lines;  // trace lines only
  uint32_t max_faulty_seen = 0;
  uint64_t budget_violations = 0;
  uint64_t errors = 0;

 private:
  struct Clog {
    std::vector<NodeId> from;
    std::vector<NodeId> to;
    Time until;
  };

  bool passes(uint32_t from, uint32_t to) const {
    if (from == to) {
      return true;
    }
    if (!reachability_.can_reach(from, to)) {
      return false;
    }
    for (const Clog& clog : clogs_) {
      bool from_in =
          std::find(clog.from.begin(), clog.from.end(), NodeId::server(from)) != clog.from.end();
      bool to_in = std::find(clog.to.begin(), clog.to.end(), NodeId::server(to)) != clog.to.end();
      if (from_in && to_in && clog.until > now()) {
        return false;
      }
    }
    return true;
  }
  void log(const std::string& text) { calls.push_back(fmt::format("{} {}", now().ns, text)); }
  void after_call() {
    uint32_t faulty = faulty_now();
    max_faulty_seen = std::max(max_faulty_seen, faulty);
    if (faulty > max_faulty_) {
      ++budget_violations;
    }
  }

  uint32_t server_count_;
  Simulator& simulator_;
  uint32_t max_faulty_;
  Reachability reachability_;
  std::vector<bool> up_;
  std::vector<bool> damaged_;
  std::vector<bool> disk_full_;
  std::vector<Time> skewed_until_;
  std::vector<Clog> clogs_;
};

NemesisConfig all_kinds(Ratio rate, uint32_t max_faulty) {
  NemesisConfig config;
  for (FaultKind kind : all_fault_kinds) {
    config.rate(kind) = rate;
  }
  config.max_faulty = max_faulty;
  return config;
}

// One phase: a simulator, the fake world and a nemesis drawn from ("nemesis", 0) of `seed`.
struct Harness {
  Harness(const NemesisConfig& config, uint64_t seed, uint32_t server_count)
      : world(server_count, simulator, config.max_faulty),
        nemesis(config, RngStreams(seed).derive("nemesis", 0), simulator, world) {}

  // Runs [start, end), then stop(); a probe every 50ms compares the nemesis's own count with the
  // fake's.
  void run(Time start, Time end, bool stop_at_end = true) {
    nemesis.start(start, end);
    for (Time probe = start; probe < end; probe = probe + Duration::milliseconds(50)) {
      simulator.schedule_callback_at(probe, [this] {
        if (nemesis.faulty_count() != world.faulty_now()) {
          ++count_mismatches;
        }
      });
    }
    simulator.run_until(end, 100'000'000);
    if (stop_at_end) {
      nemesis.stop();
    }
  }

  Simulator simulator;
  FakeWorld world;
  Nemesis nemesis;
  uint64_t count_mismatches = 0;
};

std::vector<std::string> run_calls(uint64_t seed) {
  Harness harness(all_kinds(Ratio{1, 1}, 2), seed, 5);
  harness.run(Time::zero(), Time::zero() + Duration::seconds(60));
  return harness.world.calls;
}

TEST_CASE("nemesis: the same seed gives the same actions, another seed others") {
  std::vector<std::string> first = run_calls(1);
  CHECK(first.size() > 100);
  CHECK(run_calls(1) == first);
  CHECK(run_calls(2) != first);
}

TEST_CASE("nemesis: arrivals of each kind are Poisson with the configured rate") {
  NemesisConfig config;
  config.clock_jump_per_second = Ratio{2, 1};
  config.corrupt_per_second = Ratio{3, 10};
  config.max_faulty = 5;
  const Duration phase = Duration::seconds(1000);
  for (uint64_t seed : {1u, 2u, 3u}) {
    Harness harness(config, seed, 5);
    Time start = Time::zero() + Duration::seconds(7);
    harness.simulator.schedule_callback_at(start, [] {});
    harness.simulator.run_until(start, 10);
    harness.run(start, start + phase);
    const NemesisCounters& counters = harness.nemesis.counters();
    auto within_5_sigma = [&](FaultKind kind, double rate) {
      double expected = rate * 1000.0;
      double count = static_cast<double>(counters.arrivals[static_cast<size_t>(kind)]);
      INFO(fault_kind_name(kind) << " seed " << seed << ": " << count << " vs " << expected);
      CHECK(std::abs(count - expected) <= 5 * std::sqrt(expected));
    };
    within_5_sigma(FaultKind::clock_jump, 2.0);
    within_5_sigma(FaultKind::corrupt, 0.3);
    // Budget 5 of 5: nothing is skipped, and disabled kinds never arrive.
    CHECK(counters.injected[static_cast<size_t>(FaultKind::clock_jump)] ==
          counters.arrivals[static_cast<size_t>(FaultKind::clock_jump)]);
    CHECK(counters.arrivals[static_cast<size_t>(FaultKind::crash)] == 0);
    CHECK(counters.skipped_budget_total() == 0);
    CHECK(harness.world.errors == 0);
    // Every action falls inside the phase.
    for (const std::string& line : harness.world.trace_lines) {
      int64_t at = std::stoll(line);
      CHECK(at >= start.ns);
      CHECK(at < (start + phase).ns);
    }
  }
}

TEST_CASE("nemesis: the budget holds at every instant over many seeds and sizes") {
  uint64_t injected_total = 0;
  uint64_t skipped_total = 0;
  bool reached_one = false;
  for (uint32_t servers : {1u, 2u, 3u, 4u, 5u, 7u}) {
    for (uint32_t max_faulty : {0u, 1u, 2u}) {
      for (uint64_t seed = 1; seed <= 25; ++seed) {
        NemesisConfig config = all_kinds(Ratio{3, 2}, max_faulty);
        Harness harness(config, seed * 1000 + servers * 10 + max_faulty, servers);
        harness.world.halt_on_disk_full = seed % 2 == 0;
        harness.run(Time::zero(), Time::zero() + Duration::seconds(20));
        INFO("servers " << servers << " max_faulty " << max_faulty << " seed " << seed);
        REQUIRE(harness.world.budget_violations == 0);
        REQUIRE(harness.world.errors == 0);
        REQUIRE(harness.count_mismatches == 0);
        REQUIRE(harness.world.max_faulty_seen <= max_faulty);
        const NemesisCounters& counters = harness.nemesis.counters();
        injected_total += counters.injected_total();
        skipped_total += counters.skipped_budget_total();
        if (max_faulty == 0) {
          // Nothing that makes a server faulty: only single-path clogs and, for N >= 5, the ring
          // and bridge shapes (every server keeps a majority) can pass.
          for (FaultKind kind : {FaultKind::crash, FaultKind::torn_crash, FaultKind::clock_jump,
                                 FaultKind::corrupt, FaultKind::wipe, FaultKind::disk_full}) {
            CHECK(counters.injected[static_cast<size_t>(kind)] == 0);
          }
          CHECK(harness.world.faulty_now() == 0);
        }
        reached_one = reached_one || (max_faulty == 1 && harness.world.max_faulty_seen == 1);
      }
    }
  }
  CHECK(reached_one);
  CHECK(injected_total > 1000);
  CHECK(skipped_total > 1000);
}

TEST_CASE("nemesis: permanent damage counts for the rest of the phase") {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    NemesisConfig config;
    config.wipe_per_second = Ratio{1, 1};
    config.corrupt_per_second = Ratio{1, 1};
    config.crash_per_second = Ratio{2, 1};
    config.max_faulty = 1;
    Harness harness(config, seed, 5);
    harness.run(Time::zero(), Time::zero() + Duration::seconds(60));
    INFO("seed " << seed);
    REQUIRE(harness.world.budget_violations == 0);
    // The first wipe or corrupt uses the whole budget: no other server is damaged, and after it
    // only the damaged server itself may still be crashed.
    CHECK(harness.world.damaged_count() == 1);
    bool damaged = false;
    for (const std::string& line : harness.world.calls) {
      bool is_damage =
          line.find(" corrupt ") != std::string::npos || line.find(" wipe ") != std::string::npos;
      damaged = damaged || is_damage;
      size_t crash = line.find(" nemesis.crash");
      if (damaged && crash != std::string::npos) {
        // "<time> n<k> nemesis.crash ...".
        size_t node = line.find(" n") + 2;
        uint32_t number = static_cast<uint32_t>(std::stoul(line.substr(node, crash - node)));
        CHECK(harness.world.is_damaged(number));
      }
    }
    CHECK(harness.nemesis.counters().skipped_budget_total() > 0);
    // stop() leaves the damage: it still counts.
    CHECK(harness.nemesis.faulty_count() == 1);
    CHECK(harness.world.faulty_now() == 1);
  }
}

TEST_CASE("nemesis: stop() undoes every temporary fault and cancels what is pending") {
  uint64_t active_at_end = 0;
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    NemesisConfig config = all_kinds(Ratio{4, 1}, 2);
    config.corrupt_per_second = Ratio::zero();
    config.wipe_per_second = seed % 3 == 0 ? Ratio{1, 5} : Ratio::zero();
    config.fault_duration_min = Duration::seconds(5);
    config.fault_duration_max = Duration::seconds(20);
    Harness harness(config, seed, 5);
    harness.world.halt_on_disk_full = seed % 2 == 1;
    Time end = Time::zero() + Duration::seconds(10);
    harness.run(Time::zero(), end, /*stop_at_end=*/false);
    INFO("seed " << seed);
    FakeWorld& world = harness.world;
    bool all_up = true;
    for (uint32_t number = 1; number <= 5; ++number) {
      all_up = all_up && world.is_up(NodeId::server(number));
    }
    if (!all_up || !world.reachability().is_full() || world.any_clog_active() ||
        world.any_disk_full()) {
      ++active_at_end;
    }
    harness.nemesis.stop();
    for (uint32_t number = 1; number <= 5; ++number) {
      CHECK(world.is_up(NodeId::server(number)) == !world.is_damaged(number));
    }
    CHECK(world.reachability().is_full());
    CHECK_FALSE(world.any_clog_active());
    CHECK_FALSE(world.any_disk_full());
    CHECK(world.errors == 0);
    CHECK(world.budget_violations == 0);
    // Nothing of the nemesis is left to run (cancelled events stay queued until popped).
    size_t calls = world.calls.size();
    harness.simulator.run_until(end + Duration::seconds(100), 1'000'000);
    CHECK(world.calls.size() == calls);
  }
  CHECK(active_at_end >= 25);
}

// One phase of a scripted nemesis over the fake world (budget `max_faulty` for the fake's own
// count only: a timeline is not held to a budget).
struct ScriptedHarness {
  ScriptedHarness(const std::vector<NemesisDecision>& timeline, uint32_t server_count,
                  uint32_t max_faulty)
      : world(server_count, simulator, max_faulty), nemesis(timeline, simulator, world) {}

  void run(Time start, Time end) {
    nemesis.start(start, end);
    simulator.run_until(end, 100'000'000);
    nemesis.stop();
  }

  Simulator simulator;
  FakeWorld world;
  Nemesis nemesis;
};

TEST_CASE("nemesis: the timeline of a random run's decisions replays it call for call") {
  uint64_t decisions_total = 0;
  for (uint32_t servers : {2u, 3u, 5u}) {
    for (uint64_t seed = 1; seed <= 20; ++seed) {
      NemesisConfig config = all_kinds(Ratio{3, 2}, seed % 3);
      config.fault_duration_min = Duration::milliseconds(200);
      Time start = Time::zero() + Duration::seconds(2);
      Time end = start + Duration::seconds(20);
      Harness random(config, seed, servers);
      random.world.halt_on_disk_full = seed % 2 == 0;
      random.nemesis.start(start, end);
      random.simulator.run_until(end, 100'000'000);
      random.nemesis.stop();
      const std::vector<NemesisDecision>& decisions = random.nemesis.decisions();
      uint64_t arrivals = 0;
      for (uint64_t count : random.nemesis.counters().arrivals) {
        arrivals += count;
      }
      INFO("servers " << servers << " seed " << seed);
      // One decision per arrival, each stamped with its time since the phase start.
      REQUIRE(decisions.size() == arrivals);
      decisions_total += decisions.size();
      for (const NemesisDecision& decision : decisions) {
        CHECK(decision.at.ns >= 0);
        CHECK(decision.at < end - start);
      }

      ScriptedHarness scripted(decisions, servers, config.max_faulty);
      scripted.world.halt_on_disk_full = random.world.halt_on_disk_full;
      // The same time before the phase, so that times and the queue match.
      scripted.simulator.schedule_callback_at(start, [] {});
      scripted.simulator.run_until(start, 10);
      scripted.run(start, end);
      CHECK(scripted.world.calls == random.world.calls);
      CHECK(scripted.nemesis.decisions() == decisions);
      CHECK(scripted.nemesis.counters().injected == random.nemesis.counters().injected);
      CHECK(scripted.nemesis.counters().skipped_budget == random.nemesis.counters().skipped_budget);
      CHECK(scripted.world.errors == 0);
    }
  }
  CHECK(decisions_total > 1000);
}

NemesisDecision entry(FaultKind kind, int64_t at_ms, uint32_t node, int64_t duration_ms = 0) {
  NemesisDecision decision;
  decision.kind = kind;
  decision.at = Duration::milliseconds(at_ms);
  decision.node = node;
  decision.duration = Duration::milliseconds(duration_ms);
  return decision;
}

TEST_CASE("nemesis: a timeline entry whose precondition no longer holds is traced as a skip") {
  NemesisDecision budget_skip;
  budget_skip.kind = FaultKind::clog;
  budget_skip.at = Duration::milliseconds(100);
  budget_skip.skipped = true;
  budget_skip.reason = "budget";
  budget_skip.target = "n1->n2,n3";
  budget_skip.faulty = 3;
  NemesisDecision partition = entry(FaultKind::partition, 4500, 4, 1000);
  partition.partition_shape = PartitionShape::isolate;
  NemesisDecision jump = entry(FaultKind::clock_jump, 50, 5);
  jump.by = Duration::milliseconds(-20);
  // Out of order on purpose: each kind's entries are sorted by `at` (stable).
  std::vector<NemesisDecision> timeline = {
      entry(FaultKind::crash, 2000, 1, 500),   // n1 is down since 1s: skipped
      entry(FaultKind::crash, 1000, 1, 5000),  // n1 down until 6s
      entry(FaultKind::wipe, 1000, 2),
      entry(FaultKind::corrupt, 3000, 2),  // n2 already damaged: skipped
      entry(FaultKind::disk_full, 1000, 3, 5000),
      entry(FaultKind::disk_full, 2000, 3, 1000),  // n3's disk is already full: skipped
      entry(FaultKind::disk_full, 2500, 1, 1000),  // n1 is down: skipped
      partition,                                   // a foreign partition is in force: skipped
      budget_skip,
      jump,
  };
  ScriptedHarness harness(timeline, 5, 4);
  // Another party's partition from 4s.
  harness.simulator.schedule_callback_at(Time::zero() + Duration::seconds(4), [&harness] {
    harness.world.set_reachability(Reachability::isolate(5, 5), "isolate n5");
  });
  harness.run(Time::zero(), Time::zero() + Duration::seconds(10));
  std::vector<std::string> skips;
  for (const std::string& line : harness.world.trace_lines) {
    if (line.find("nemesis.skip") != std::string::npos) {
      skips.push_back(line);
    }
  }
  CHECK(skips == std::vector<std::string>{
                     "100000000 - nemesis.skip action=clog reason=budget target=n1->n2,n3 faulty=3",
                     "2000000000 - nemesis.skip action=crash reason=already_down target=n1",
                     "2000000000 - nemesis.skip action=disk_full reason=already_full target=n3",
                     "2500000000 - nemesis.skip action=disk_full reason=already_down target=n1",
                     "3000000000 - nemesis.skip action=corrupt reason=already_damaged target=n2",
                     "4500000000 - nemesis.skip action=partition reason=partitioned target=-",
                 });
  CHECK(harness.world.errors == 0);
  // The skips are decisions too: replaying them gives the same.
  CHECK(harness.nemesis.decisions().size() == timeline.size());
  const NemesisCounters& counters = harness.nemesis.counters();
  CHECK(counters.injected_total() == 4);  // crash n1, wipe n2, disk_full n3, clock_jump n5
  CHECK(counters.skipped_budget_total() == 1);
}

TEST_CASE("nemesis: rates are formatted exactly") {
  CHECK(format_rate(Ratio{37, 100}) == "0.37/s");
  CHECK(format_rate(Ratio{5, 100}) == "0.05/s");
  CHECK(format_rate(Ratio{10, 100}) == "0.1/s");
  CHECK(format_rate(Ratio{100, 100}) == "1/s");
  CHECK(format_rate(Ratio{5, 1}) == "5/s");
  CHECK(format_rate(Ratio{1, 2}) == "1/2/s");
  CHECK(format_rate(Ratio::zero()) == "0/s");
}

TEST_CASE("swarm_config: deterministic per seed, each kind on about half the time") {
  NemesisConfig base;
  base.fault_duration_min = Duration::milliseconds(100);
  base.fault_duration_max = Duration::milliseconds(900);
  base.clock_jump_max = Duration::milliseconds(250);
  base.max_faulty = 2;
  base.crash_per_second = Ratio{7, 1};  // replaced
  std::array<uint64_t, fault_kind_count> enabled{};
  const uint64_t seeds = 2000;
  for (uint64_t seed = 1; seed <= seeds; ++seed) {
    std::string description;
    Rng rng = RngStreams(seed).derive("swarm");
    NemesisConfig config = swarm_config(base, rng, description);
    std::string again_description;
    Rng again = RngStreams(seed).derive("swarm");
    NemesisConfig again_config = swarm_config(base, again, again_description);
    REQUIRE(description == again_description);
    CHECK(config.fault_duration_min == base.fault_duration_min);
    CHECK(config.fault_duration_max == base.fault_duration_max);
    CHECK(config.clock_jump_max == base.clock_jump_max);
    CHECK(config.max_faulty == base.max_faulty);
    std::string expected;
    for (FaultKind kind : all_fault_kinds) {
      Ratio rate = config.rate(kind);
      CHECK(rate.numerator == again_config.rate(kind).numerator);
      if (rate.is_zero()) {
        continue;
      }
      ++enabled[static_cast<size_t>(kind)];
      CHECK(rate.denominator == 100);
      CHECK(rate.numerator >= 5);
      CHECK(rate.numerator <= 100);
      expected += fmt::format("{}{}={}", expected.empty() ? "" : " ", fault_kind_name(kind),
                              format_rate(rate));
    }
    CHECK(description == (expected.empty() ? "none" : expected));
  }
  // Binomial(2000, 1/2): mean 1000, sigma ~22.4.
  for (FaultKind kind : all_fault_kinds) {
    INFO(fault_kind_name(kind));
    CHECK(std::abs(static_cast<double>(enabled[static_cast<size_t>(kind)]) - 1000.0) <=
          5 * std::sqrt(2000.0 / 4));
  }
}

}  // namespace
}  // namespace faultline
