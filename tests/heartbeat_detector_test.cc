// File: heartbeat_detector_test.cc
// The failure detectors against their definitions: the fixed timeout (Chen, Toueg and Aguilera
// 2002, section 1) and phi-accrual (Hayashibara et al. 2004, section 3). Expected suspicion times
// are computed independently: for a window of mean m and standard deviation s, phi exceeds Phi
// at m + s * z with Q(z) = 10^-Phi (z = 5.612001244174789 for Phi = 8, 2.730462368651451 for
// Phi = 2.5, 30.20559417957964 for Phi = 200; mpmath at 60 digits), and the detector must
// answer the first integer nanosecond past it.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <vector>

#include "protocols/heartbeat/failure_detector.h"
#include "protocols/heartbeat/phi_accrual.h"

namespace faultline::heartbeat {
namespace {

constexpr NodeId n2 = NodeId::server(2);
constexpr NodeId n3 = NodeId::server(3);
const std::vector<NodeId> peers = {n2, n3};

Time ms(int64_t value) {
  return Time{value * 1'000'000};
}

DetectorConfig phi_config(uint32_t window = 10) {
  DetectorConfig config;
  config.kind = DetectorConfig::Kind::phi_accrual;
  config.interval = Duration::milliseconds(100);
  config.phi_threshold_milli = 8000;
  config.window = window;
  config.min_std_deviation = Duration::milliseconds(10);
  return config;
}

// Heartbeats from n2 at `first`, then one after each gap in `gaps_ms`; returns the last arrival.
Time feed(FailureDetector& detector, Time first, const std::vector<int64_t>& gaps_ms) {
  Time at = first;
  detector.heartbeat(n2, at);
  for (int64_t gap : gaps_ms) {
    at = at + Duration::milliseconds(gap);
    detector.heartbeat(n2, at);
  }
  return at;
}

TEST_CASE("fixed timeout suspects exactly `timeout` after the last heartbeat", "[heartbeat]") {
  DetectorConfig config;
  config.timeout = Duration::milliseconds(500);
  auto detector = make_failure_detector(config, peers, ms(1000));
  CHECK(detector->suspicion_time(n2) == ms(1500));  // as if a heartbeat arrived at creation
  detector->heartbeat(n2, ms(1200));
  CHECK_FALSE(detector->suspects(n2, Time{ms(1700).ns - 1}));
  CHECK(detector->suspects(n2, ms(1700)));
  CHECK(detector->suspicion_time(n2) == ms(1700));
  CHECK(detector->suspicion_time(n3) == ms(1500));  // peers are independent
  detector->restarted(n2, ms(1800));
  CHECK(detector->suspicion_time(n2) == ms(2300));
}

TEST_CASE("phi-accrual before any heartbeat uses the first-heartbeat estimate", "[heartbeat]") {
  // Window seeded with 75ms and 125ms: mean 100ms, deviation 25ms.
  PhiAccrualDetector detector(phi_config(), peers, ms(1000));
  CHECK(detector.mean_ns(n2) == 100e6);
  CHECK(detector.std_deviation_ns(n2) == 25e6);
  CHECK(detector.suspicion_time(n2) == Time{ms(1000).ns + 240'300'032});
  CHECK_FALSE(detector.suspects(n2, Time{ms(1000).ns + 240'300'031}));
  CHECK(detector.suspects(n2, Time{ms(1000).ns + 240'300'032}));
}

TEST_CASE("phi-accrual on regular arrivals every 100ms", "[heartbeat]") {
  PhiAccrualDetector detector(phi_config(), peers, Time::zero());
  // 11 gaps of 100ms push both seed samples out of the 10-sample window.
  Time last = feed(detector, ms(100), std::vector<int64_t>(11, 100));
  CHECK(detector.mean_ns(n2) == 100e6);
  CHECK(detector.std_deviation_ns(n2) == 10e6);  // 0, raised to min_std_deviation
  CHECK(std::abs(detector.phi(n2, last + Duration::milliseconds(100)) - std::log10(2.0)) < 1e-12);
  CHECK_FALSE(detector.suspects(n2, last + Duration::milliseconds(150)));
  CHECK(detector.phi(n2, last + Duration::milliseconds(150)) < 8.0);
  // 100ms + 10ms * 5.612001244... = 156.12001244ms.
  Time expected = last + Duration{156'120'013};
  CHECK(detector.suspicion_time(n2) == expected);
  CHECK(detector.phi(n2, Time{expected.ns - 1}) <= 8.0);
  CHECK(detector.phi(n2, expected) > 8.0);
  CHECK_FALSE(detector.suspects(n2, Time{expected.ns - 1}));
  CHECK(detector.suspects(n2, expected));
}

TEST_CASE("phi-accrual: jittery arrivals widen the window", "[heartbeat]") {
  PhiAccrualDetector detector(phi_config(), peers, Time::zero());
  // Gaps alternating 50ms and 150ms: mean 100ms, deviation exactly 50ms.
  Time last = feed(detector, ms(100), {50, 150, 50, 150, 50, 150, 50, 150, 50, 150});
  CHECK(detector.mean_ns(n2) == 100e6);
  CHECK(detector.std_deviation_ns(n2) == 50e6);
  CHECK(detector.suspicion_time(n2) == last + Duration{380'600'063});
  // A regular window suspects much earlier (previous test: 156.12ms).
  CHECK_FALSE(detector.suspects(n2, last + Duration::milliseconds(300)));
}

TEST_CASE("phi-accrual: threshold, acceptable pause and the far tail", "[heartbeat]") {
  SECTION("phi 2.5 suspects earlier") {
    DetectorConfig config = phi_config();
    config.phi_threshold_milli = 2500;
    PhiAccrualDetector detector(config, peers, Time::zero());
    Time last = feed(detector, ms(100), std::vector<int64_t>(11, 100));
    CHECK(detector.suspicion_time(n2) == last + Duration{127'304'624});
  }
  SECTION("acceptable_pause lengthens the mean") {
    DetectorConfig config = phi_config();
    config.acceptable_pause = Duration::milliseconds(50);
    PhiAccrualDetector detector(config, peers, Time::zero());
    Time last = feed(detector, ms(100), std::vector<int64_t>(11, 100));
    CHECK(detector.mean_ns(n2) == 150e6);
    CHECK(detector.suspicion_time(n2) == last + Duration{206'120'013});
  }
  SECTION("phi 200 lies past the double range of erfc: the asymptotic form") {
    DetectorConfig config = phi_config();
    config.phi_threshold_milli = 200'000;
    PhiAccrualDetector detector(config, peers, Time::zero());
    Time last = feed(detector, ms(100), std::vector<int64_t>(11, 100));
    CHECK(detector.suspicion_time(n2) == last + Duration{402'055'942});
    CHECK(std::isfinite(detector.phi(n2, last + Duration::seconds(10))));
  }
}

TEST_CASE("phi of the normal tail matches its definition", "[heartbeat]") {
  CHECK(std::abs(phi_of_normal(100.0, 100.0, 10.0) - std::log10(2.0)) < 1e-15);
  // -log10(Q(10)) = 23.11805340548607..., -log10(Q(35)) = 267.9488819497529... (mpmath).
  CHECK(std::abs(phi_of_normal(200.0, 100.0, 10.0) - 23.118053405486076) < 1e-12);
  CHECK(std::abs(phi_of_normal(450.0, 100.0, 10.0) - 267.94888194975297) < 1e-9);
  // Continuous and increasing across the switch to the asymptotic form at y = 28.
  double below = phi_of_normal(27.999999, 0.0, 1.0);
  double above = phi_of_normal(28.0, 0.0, 1.0);
  CHECK(below < above);
  CHECK(above - below < 1e-4);
}

TEST_CASE("phi-accrual: a restart forgets the old window; duplicates are the caller's",
          "[heartbeat]") {
  PhiAccrualDetector detector(phi_config(), peers, Time::zero());
  Time last = feed(detector, ms(100), {50, 150, 50, 150, 50, 150, 50, 150, 50, 150});
  // The peer crashed and came back 5s later: no 5s sample, back to the first-heartbeat estimate.
  Time back = last + Duration::seconds(5);
  detector.restarted(n2, back);
  CHECK(detector.mean_ns(n2) == 100e6);
  CHECK(detector.std_deviation_ns(n2) == 25e6);
  CHECK(detector.suspicion_time(n2) == back + Duration{240'300'032});
  // Without restarted(), the 5s gap is a sample and the deviation explodes.
  PhiAccrualDetector naive(phi_config(), peers, Time::zero());
  Time naive_last = feed(naive, ms(100), {100, 100, 100, 5000});
  CHECK(naive.std_deviation_ns(n2) > 1e9);
  CHECK(naive.suspicion_time(n2) > naive_last + Duration::seconds(5));
}

}  // namespace
}  // namespace faultline::heartbeat
