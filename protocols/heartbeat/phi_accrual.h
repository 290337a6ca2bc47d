// File: phi_accrual.h
// The phi-accrual failure detector (Hayashibara, Defago, Yared and Katayama, "The phi accrual
// failure detector", SRDS 2004, section 3). Instead of a binary verdict it outputs a suspicion
// level phi(t) = -log10(P_later(t - last)), where P_later(d) = 1 - F(d) is the probability that
// the next heartbeat arrives more than d after the last one, F the normal CDF whose mean and
// variance are those of a sliding window of inter-arrival times (section 3.2). A peer is
// suspected once phi exceeds a threshold Phi: with Phi = 8 the detector accepts a 1e-8 chance
// that the peer is alive but late. Owns the invariant that suspects(peer, t) holds exactly when
// t >= suspicion_time(peer), and that suspicion_time(peer) is the earliest integer-ns local time
// with phi > Phi (so a timer armed at it fires on the first instant of suspicion).
//
// Two refinements from Akka's PhiAccrualFailureDetector (akka/remote/PhiAccrualFailureDetector):
// the standard deviation is at least min_std_deviation (a perfectly regular network would
// otherwise suspect on the first nanosecond of lateness) and the mean is lengthened by
// acceptable_pause. The window starts with two samples interval -/+ interval/4 (Akka's
// first-heartbeat estimate: mean = interval, standard deviation = interval/4), so the detector
// works before it has seen any real arrival.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <utility>
#include <vector>

#include "protocols/heartbeat/failure_detector.h"

namespace faultline::heartbeat {

class PhiAccrualDetector final : public FailureDetector {
 public:
  // The longest inter-arrival sample kept (ns, 2^40: about 18 minutes); longer gaps count as
  // this much, which keeps the window's sums exact in 128-bit integers. Also the largest window.
  static constexpr int64_t max_sample_ns = int64_t{1} << 40;
  static constexpr uint32_t max_window = 10'000;

  PhiAccrualDetector(const DetectorConfig& config, std::span<const NodeId> peers, Time start);

  void heartbeat(NodeId peer, Time now) override;
  void restarted(NodeId peer, Time now) override;
  bool suspects(NodeId peer, Time now) const override;
  Time suspicion_time(NodeId peer) const override;

  // The suspicion level of `peer` at local time `now` (near 0 right after the last heartbeat,
  // growing without bound as the delay grows).
  double phi(NodeId peer, Time now) const;
  // The window's mean and standard deviation (ns) as the formula uses them: mean plus
  // acceptable_pause, deviation at least min_std_deviation.
  double mean_ns(NodeId peer) const;
  double std_deviation_ns(NodeId peer) const;

 private:
  struct Arrivals {
    Time last;
    bool heard = false;           // a heartbeat arrived since creation or the last restart
    std::deque<int64_t> samples;  // inter-arrival times (ns), oldest first, at most window
    int64_t sum = 0;              // of samples (exact: window * max_sample_ns < 2^54)
    __extension__ __int128 sum_of_squares = 0;  // exact: window * max_sample_ns^2 < 2^94
    Time suspicion = Time::max();               // cached suspicion_time
  };

  Arrivals& arrivals_of(NodeId peer);
  const Arrivals& arrivals_of(NodeId peer) const;
  void seed_window(Arrivals& arrivals) const;
  void add_sample(Arrivals& arrivals, int64_t sample_ns) const;
  double mean_of(const Arrivals& arrivals) const;
  double deviation_of(const Arrivals& arrivals) const;
  // phi for a delay of `elapsed_ns` since the last heartbeat, with the window of `arrivals`.
  double phi_after(const Arrivals& arrivals, int64_t elapsed_ns) const;
  // The earliest delay (ns) whose phi exceeds the threshold, by bisection; -1 if none fits in
  // int64 time.
  int64_t first_suspicious_delay(const Arrivals& arrivals) const;
  void refresh(Arrivals& arrivals) const;

  DetectorConfig config_;
  double threshold_;
  std::vector<std::pair<NodeId, Arrivals>> peers_;  // few peers: a linear scan is fastest
};

// phi for a delay `elapsed_ns` under a normal distribution of inter-arrival times with
// `mean_ns` and `std_deviation_ns` (> 0): -log10(Q(y)), y = (elapsed - mean) / deviation, Q the
// upper tail of the standard normal. Q(y) = erfc(y / sqrt 2) / 2 with Boost.Math's erfc in
// double precision; past y = 28 (where erfc nears the bottom of the double range) the log of the
// asymptotic expansion erfc(x) ~ exp(-x^2) / (x sqrt(pi)) (1 - 1/(2x^2) + 3/(4x^4)) is used, so
// phi stays finite and increasing instead of jumping to infinity.
double phi_of_normal(double elapsed_ns, double mean_ns, double std_deviation_ns);

}  // namespace faultline::heartbeat
