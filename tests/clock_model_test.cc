// File: clock_model_test.cc
// ClockModel arithmetic: offset, positive and negative drift, jumps, the exact inverse at its
// boundaries, times near the int64 limit, and the per-server draws of make_clock.
#include <catch2/catch.hpp>

#include "models/clock/clock_model.h"

using namespace faultline;

namespace {

constexpr int64_t second = 1'000'000'000;

// The defining property of global_at_local: the earliest global time >= now at which local time
// has reached the deadline.
void check_inverse(const ClockModel& clock, Time deadline, Time now) {
  Time at = clock.global_at_local(deadline, now);
  REQUIRE(at >= now);
  REQUIRE(clock.local(at) >= deadline);
  if (at > now) {
    REQUIRE(clock.local(Time{at.ns - 1}) < deadline);
  }
}

}  // namespace

TEST_CASE("the identity clock reads global time", "[clock]") {
  ClockModel clock;
  CHECK(clock.is_identity());
  CHECK(clock.local(Time{123}) == Time{123});
  CHECK(clock.global_at_local(Time{500}, Time{100}) == Time{500});
  CHECK(clock.global_at_local(Time{50}, Time{100}) == Time{100});
  CHECK(ClockModel(Duration{0}, 0).is_identity());
  CHECK_FALSE(ClockModel(Duration{1}, 0).is_identity());
  CHECK_FALSE(ClockModel(Duration{0}, 1).is_identity());
}

TEST_CASE("an offset shifts local time both ways", "[clock]") {
  ClockModel ahead(Duration::milliseconds(5), 0);
  CHECK(ahead.local(Time::zero()) == Time{5'000'000});
  CHECK(ahead.local(Time{second}) == Time{second + 5'000'000});
  CHECK(ahead.global_at_local(Time{second + 5'000'000}, Time::zero()) == Time{second});
  CHECK(ahead.global_at_local(Time{1'000'000}, Time::zero()) == Time::zero());  // already passed
  ClockModel behind(Duration{-3'000'000}, 0);
  CHECK(behind.local(Time::zero()) == Time{-3'000'000});
  CHECK(behind.local(Time{second}) == Time{second - 3'000'000});
  CHECK(behind.global_at_local(Time{0}, Time::zero()) == Time{3'000'000});
}

TEST_CASE("positive drift: local time runs fast and is floored", "[clock]") {
  ClockModel fast(Duration{0}, 100'000);  // rate 1.1
  CHECK(fast.local(Time{1}) == Time{1});  // floor(1.1)
  CHECK(fast.local(Time{10}) == Time{11});
  CHECK(fast.local(Time{19}) == Time{20});  // floor(20.9)
  CHECK(fast.local(Time{second}) == Time{1'100'000'000});
  // 1s of local time: ceil(1e9 / 1.1) = ceil(909090909.09) = 909090910.
  CHECK(fast.global_at_local(Time{second}, Time::zero()) == Time{909'090'910});
  CHECK(fast.local(Time{909'090'910}) == Time{1'000'000'001});
  CHECK(fast.local(Time{909'090'909}) == Time{999'999'999});
  // A deadline hit exactly: local 11 at global 10.
  CHECK(fast.global_at_local(Time{11}, Time::zero()) == Time{10});
  CHECK(fast.global_at_local(Time{12}, Time::zero()) == Time{11});  // local(11) = floor(12.1)
}

TEST_CASE("negative drift: local time runs slow and may stand still for a nanosecond", "[clock]") {
  ClockModel slow(Duration{0}, -100'000);  // rate 0.9
  CHECK(slow.local(Time{1}) == Time{0});   // floor(0.9)
  CHECK(slow.local(Time{10}) == Time{9});
  CHECK(slow.local(Time{second}) == Time{900'000'000});
  CHECK(slow.global_at_local(Time{900'000'000}, Time::zero()) == Time{second});
  CHECK(slow.global_at_local(Time{second}, Time::zero()) == Time{1'111'111'112});
  CHECK(slow.local(Time{1'111'111'112}) == Time{1'000'000'000});  // floor(1000000000.8)
  CHECK(slow.local(Time{1'111'111'111}) == Time{999'999'999});
}

TEST_CASE("jumps step local time and keep the drift", "[clock]") {
  ClockModel clock;
  clock.jump(Duration::milliseconds(5), Time{second});
  CHECK_FALSE(clock.is_identity());
  CHECK(clock.local(Time{second}) == Time{second + 5'000'000});
  CHECK(clock.local(Time{2 * second}) == Time{2 * second + 5'000'000});
  clock.jump(Duration{-5'000'000}, Time{3 * second});
  CHECK(clock.is_identity());  // back on global time
  CHECK(clock.local(Time{4 * second}) == Time{4 * second});

  ClockModel drifting(Duration{0}, 100'000);
  drifting.jump(Duration::milliseconds(-100), Time{second});  // local 1.1s -> 1.0s
  CHECK(drifting.local(Time{second}) == Time{second});
  CHECK(drifting.local(Time{2 * second}) == Time{2 * second + 100'000'000});
  CHECK(drifting.global_at_local(Time{second + 110}, Time{second}) == Time{second + 100});
  // A backward jump of 1s at local 1s: the 1s..2s stretch of local time is lived again.
  drifting.jump(Duration{-second}, Time{second});
  CHECK(drifting.local(Time{second}) == Time::zero());
  CHECK(drifting.global_at_local(Time{second}, Time{second}) == Time{second + 909'090'910});
}

TEST_CASE("global_at_local is the exact inverse at every boundary", "[clock]") {
  Rng rng = RngStreams(7).derive("clock-test");
  for (int clock_index = 0; clock_index < 200; ++clock_index) {
    ClockModel clock(Duration{rng.uniform_signed(-50'000'000, 50'000'000)},
                     rng.uniform_signed(-100'000, 100'000));
    Time now{rng.uniform_signed(0, 10 * second)};
    if (rng.chance(Ratio{1, 2})) {
      clock.jump(Duration{rng.uniform_signed(-second, second)}, now);
    }
    Time local_now = clock.local(now);
    for (int deadline_index = 0; deadline_index < 200; ++deadline_index) {
      int64_t delay = deadline_index < 20 ? deadline_index : rng.uniform_signed(-1'000, 3 * second);
      check_inverse(clock, Time{local_now.ns + delay}, now);
    }
  }
}

TEST_CASE("large times do not overflow", "[clock]") {
  ClockModel fast(Duration{0}, 100'000);
  CHECK(fast.local(Time{8'000'000'000'000'000'000}) == Time{8'800'000'000'000'000'000});
  // ceil(9e18 / 1.1) = 8181818181818181819.
  CHECK(fast.global_at_local(Time{9'000'000'000'000'000'000}, Time::zero()) ==
        Time{8'181'818'181'818'181'819});
  CHECK(fast.local(Time{8'181'818'181'818'181'819}) == Time{9'000'000'000'000'000'000});
  ClockModel slow(Duration{-5}, -100'000);
  CHECK(slow.local(Time::max()) == Time{8'301'034'833'169'298'221});  // floor(max * 0.9) - 5
  CHECK(slow.global_at_local(Time{8'100'000'000'000'000'000}, Time::zero()) ==
        Time{9'000'000'000'000'000'006});  // ceil((8.1e18 + 5) / 0.9)
  check_inverse(slow, Time{8'301'034'833'169'298'221}, Time::zero());
  check_inverse(fast, Time{9'200'000'000'000'000'000}, Time{second});
}

TEST_CASE("make_clock draws offsets and drifts per server and applies overrides", "[clock]") {
  RngStreams streams(11);
  ClockConfig none;
  CHECK(make_clock(none, 1, streams).is_identity());

  ClockConfig config;
  config.offset_max = Duration::milliseconds(5);
  config.drift_ppm_max = 200;
  int positive_drift = 0;
  const int servers = 2'000;
  for (uint32_t number = 1; number <= servers; ++number) {
    ClockModel clock = make_clock(config, number, streams);
    REQUIRE(clock.initial_offset().ns >= -5'000'000);
    REQUIRE(clock.initial_offset().ns <= 5'000'000);
    REQUIRE(clock.drift_ppm() >= -200);
    REQUIRE(clock.drift_ppm() <= 200);
    positive_drift += clock.drift_ppm() > 0 ? 1 : 0;
    // Same seed, same server: same clock.
    REQUIRE(make_clock(config, number, streams).initial_offset() == clock.initial_offset());
  }
  // P(drift > 0) = 200/401; Binomial(2000, 0.4988): mean 997.5, sd 22.4; 5 sd.
  CHECK(positive_drift > 997 - 112);
  CHECK(positive_drift < 997 + 112);

  ClockModel drawn = make_clock(config, 3, streams);
  config.nodes[NodeId::server(3)] = ClockOverride{Duration{-7}, std::nullopt};
  ClockModel overridden = make_clock(config, 3, streams);
  CHECK(overridden.initial_offset() == Duration{-7});
  CHECK(overridden.drift_ppm() == drawn.drift_ppm());  // the drift draw is not shifted
  config.nodes[NodeId::server(3)] = ClockOverride{std::nullopt, -40};
  CHECK(make_clock(config, 3, streams).initial_offset() == drawn.initial_offset());
  CHECK(make_clock(config, 3, streams).drift_ppm() == -40);
  CHECK(make_clock(config, 4, streams).initial_offset() ==
        make_clock(ClockConfig{config.offset_max, config.drift_ppm_max, {}}, 4, streams)
            .initial_offset());
}

TEST_CASE("jumps that add up past the limit stop at it, both ways, and timers still resolve",
          "[clock]") {
  // Regression: 300 scripted jumps of +10000h (each valid) used to overflow int64 and abort.
  ClockModel clock(Duration{0}, 100'000);
  const Duration step = Duration::seconds(36'000'000);  // 10000h
  Time now{0};
  Duration total{0};
  for (int jump = 0; jump < 300; ++jump) {
    now = Time{now.ns + second};
    total = total + clock.jump(step, now);
  }
  CHECK(clock.local(now).ns == ClockModel::local_limit);
  CHECK(total.ns <= ClockModel::local_limit);  // far less than 300 x 10000h
  check_inverse(clock, Time{clock.local(now).ns + second}, now);
  // And all the way back: the step taken is cut at -local_limit.
  Duration back = clock.jump(Duration{-ClockModel::local_limit}, now);
  CHECK(back.ns == -ClockModel::local_limit);
  for (int jump = 0; jump < 300; ++jump) {
    clock.jump(Duration{-step.ns}, now);
  }
  CHECK(clock.local(now).ns == -ClockModel::local_limit);
  check_inverse(clock, Time{-ClockModel::local_limit + 5 * second}, now);
}
