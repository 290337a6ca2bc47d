// File: phi_accrual.cc
// The phi-accrual failure detector (Hayashibara, Defago, Yared and Katayama 2004): the window of
// inter-arrival times, phi, and the bisection that turns the threshold into a suspicion time.
#include "protocols/heartbeat/phi_accrual.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include <boost/math/special_functions/erf.hpp>

#include "sim/base/check.h"

namespace faultline::heartbeat {
namespace {

// Double precision throughout (no promotion to long double), so every compiler evaluates the
// same operations on the same type.
using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

constexpr double sqrt_two = 1.4142135623730950488;
constexpr double log_ten = 2.3025850929940456840;
constexpr double log_sqrt_pi = 0.57236494292470008707;  // ln(sqrt(pi))
constexpr double asymptotic_from_y = 28.0;

// -log10(erfc(x) / 2) from the asymptotic expansion of erfc (Abramowitz and Stegun 7.1.23), for
// x large enough that erfc(x) itself would leave the double range.
double minus_log10_half_erfc_asymptotic(double x) {
  double inverse_square = 1.0 / (x * x);
  double series = 1.0 - inverse_square / 2.0 + 3.0 * inverse_square * inverse_square / 4.0 -
                  15.0 * inverse_square * inverse_square * inverse_square / 8.0;
  double log_erfc = -x * x - std::log(x) - log_sqrt_pi + std::log(series);
  return (std::log(2.0) - log_erfc) / log_ten;
}

}  // namespace

double phi_of_normal(double elapsed_ns, double mean_ns, double std_deviation_ns) {
  FL_CHECK(std_deviation_ns > 0.0, "phi needs a positive standard deviation");
  double y = (elapsed_ns - mean_ns) / std_deviation_ns;
  if (y >= asymptotic_from_y) {
    return minus_log10_half_erfc_asymptotic(y / sqrt_two);
  }
  double upper_tail = boost::math::erfc(y / sqrt_two, DoublePolicy()) / 2.0;
  return -std::log10(upper_tail);
}

PhiAccrualDetector::PhiAccrualDetector(const DetectorConfig& config, std::span<const NodeId> peers,
                                       Time start)
    : config_(config), threshold_(static_cast<double>(config.phi_threshold_milli) / 1000.0) {
  FL_CHECK(config.window >= 2 && config.window <= max_window, "phi window {} not in 2..{}",
           config.window, max_window);
  FL_CHECK(config.phi_threshold_milli > 0, "phi threshold must be positive");
  FL_CHECK(config.min_std_deviation > Duration{0}, "min_std_deviation must be positive");
  FL_CHECK(config.acceptable_pause >= Duration{0}, "acceptable_pause must not be negative");
  FL_CHECK(config.interval.ns <= max_sample_ns, "interval {} ns too long", config.interval.ns);
  for (NodeId peer : peers) {
    Arrivals arrivals;
    arrivals.last = start;
    seed_window(arrivals);
    refresh(arrivals);
    peers_.emplace_back(peer, std::move(arrivals));
  }
}

void PhiAccrualDetector::heartbeat(NodeId peer, Time now) {
  Arrivals& arrivals = arrivals_of(peer);
  if (arrivals.heard) {
    // Section 3.2: the window holds the inter-arrival times of the last `window` heartbeats. The
    // first heartbeat after creation or a restart has no predecessor to measure from.
    add_sample(arrivals, std::clamp<int64_t>((now - arrivals.last).ns, 0, max_sample_ns));
  }
  arrivals.heard = true;
  arrivals.last = std::max(arrivals.last, now);
  refresh(arrivals);
}

void PhiAccrualDetector::restarted(NodeId peer, Time now) {
  Arrivals& arrivals = arrivals_of(peer);
  arrivals.samples.clear();
  arrivals.sum = 0;
  arrivals.sum_of_squares = 0;
  seed_window(arrivals);
  arrivals.heard = true;
  arrivals.last = std::max(arrivals.last, now);
  refresh(arrivals);
}

bool PhiAccrualDetector::suspects(NodeId peer, Time now) const {
  return now >= arrivals_of(peer).suspicion;
}

Time PhiAccrualDetector::suspicion_time(NodeId peer) const {
  return arrivals_of(peer).suspicion;
}

double PhiAccrualDetector::phi(NodeId peer, Time now) const {
  const Arrivals& arrivals = arrivals_of(peer);
  return phi_after(arrivals, std::max<int64_t>((now - arrivals.last).ns, 0));
}

double PhiAccrualDetector::mean_ns(NodeId peer) const {
  return mean_of(arrivals_of(peer));
}

double PhiAccrualDetector::std_deviation_ns(NodeId peer) const {
  return deviation_of(arrivals_of(peer));
}

double PhiAccrualDetector::mean_of(const Arrivals& arrivals) const {
  return static_cast<double>(arrivals.sum) / static_cast<double>(arrivals.samples.size()) +
         static_cast<double>(config_.acceptable_pause.ns);
}

double PhiAccrualDetector::deviation_of(const Arrivals& arrivals) const {
  __extension__ using Int128 = __int128;
  // n^2 * variance = n * sum(x^2) - sum(x)^2, exact in 128 bits (< 2^108), rounded once.
  Int128 count = static_cast<Int128>(arrivals.samples.size());
  Int128 scaled_variance =
      count * arrivals.sum_of_squares - static_cast<Int128>(arrivals.sum) * arrivals.sum;
  double variance = static_cast<double>(scaled_variance) /
                    (static_cast<double>(count) * static_cast<double>(count));
  return std::max(std::sqrt(variance), static_cast<double>(config_.min_std_deviation.ns));
}

PhiAccrualDetector::Arrivals& PhiAccrualDetector::arrivals_of(NodeId peer) {
  return const_cast<Arrivals&>(std::as_const(*this).arrivals_of(peer));
}

const PhiAccrualDetector::Arrivals& PhiAccrualDetector::arrivals_of(NodeId peer) const {
  for (const auto& [known, arrivals] : peers_) {
    if (known == peer) {
      return arrivals;
    }
  }
  FL_CHECK(false, "peer {} is not monitored", peer.name());
  return peers_.front().second;
}

void PhiAccrualDetector::seed_window(Arrivals& arrivals) const {
  int64_t quarter = config_.interval.ns / 4;
  add_sample(arrivals, config_.interval.ns - quarter);
  add_sample(arrivals, config_.interval.ns + quarter);
}

void PhiAccrualDetector::add_sample(Arrivals& arrivals, int64_t sample_ns) const {
  __extension__ using Int128 = __int128;
  FL_CHECK(sample_ns >= 0 && sample_ns <= max_sample_ns, "sample {} ns out of range", sample_ns);
  if (arrivals.samples.size() == config_.window) {
    int64_t oldest = arrivals.samples.front();
    arrivals.samples.pop_front();
    arrivals.sum -= oldest;
    arrivals.sum_of_squares -= static_cast<Int128>(oldest) * oldest;
  }
  arrivals.samples.push_back(sample_ns);
  arrivals.sum += sample_ns;
  arrivals.sum_of_squares += static_cast<Int128>(sample_ns) * sample_ns;
}

double PhiAccrualDetector::phi_after(const Arrivals& arrivals, int64_t elapsed_ns) const {
  return phi_of_normal(static_cast<double>(elapsed_ns), mean_of(arrivals), deviation_of(arrivals));
}

int64_t PhiAccrualDetector::first_suspicious_delay(const Arrivals& arrivals) const {
  if (phi_after(arrivals, 0) > threshold_) {
    return 0;
  }
  // Invariant: phi(low) <= threshold < phi(high). phi grows with the delay (Q decreases), and
  // like y^2 / (2 ln 10), so doubling finds `high` within a few dozen steps.
  int64_t low = 0;
  int64_t high = std::max<int64_t>(1, config_.interval.ns);
  while (phi_after(arrivals, high) <= threshold_) {
    low = high;
    if (high > std::numeric_limits<int64_t>::max() / 4) {
      return -1;
    }
    high *= 2;
  }
  while (high - low > 1) {
    int64_t middle = low + (high - low) / 2;
    if (phi_after(arrivals, middle) > threshold_) {
      high = middle;
    } else {
      low = middle;
    }
  }
  return high;
}

void PhiAccrualDetector::refresh(Arrivals& arrivals) const {
  int64_t delay = first_suspicious_delay(arrivals);
  if (delay < 0 || arrivals.last.ns > std::numeric_limits<int64_t>::max() - delay) {
    arrivals.suspicion = Time::max();
    return;
  }
  arrivals.suspicion = arrivals.last + Duration{delay};
}

std::unique_ptr<FailureDetector> make_phi_accrual_detector(const DetectorConfig& config,
                                                           std::span<const NodeId> peers,
                                                           Time start) {
  return std::make_unique<PhiAccrualDetector>(config, peers, start);
}

}  // namespace faultline::heartbeat
