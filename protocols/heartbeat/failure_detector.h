// File: failure_detector.h
// The failure-detector interface every protocol embeds to decide whom to suspect (Chandra and
// Toueg 1996's unreliable failure detector, queried locally). A detector is a pure function of
// the heartbeat arrival times it was told about and the local time it is asked at: it sends
// nothing and arms no timer itself, so its owner (the heartbeat protocol, a Multi-Paxos leader
// elector, a primary-backup failover) decides what counts as a heartbeat and when to look.
// All times are the node's local clock (NodeEnv::now()), in ns.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "sim/base/node_id.h"
#include "sim/base/time.h"

namespace faultline::heartbeat {

struct DetectorConfig {
  enum class Kind { fixed_timeout, phi_accrual };
  Kind kind = Kind::fixed_timeout;
  // How often a monitored node sends a heartbeat (ns, > 0). The detector uses it as the expected
  // inter-arrival time before it has seen any.
  Duration interval = Duration::milliseconds(100);
  // fixed_timeout: a peer is suspected once no heartbeat has arrived for `timeout` (ns, > 0).
  Duration timeout = Duration::milliseconds(500);
  // phi_accrual (Hayashibara et al. 2004): a peer is suspected once phi exceeds the threshold,
  // given in thousandths (8000 = phi 8, a 1e-8 chance that the peer is alive but late).
  uint32_t phi_threshold_milli = 8000;
  // phi_accrual: inter-arrival samples kept per peer (sliding window), >= 2.
  uint32_t window = 100;
  // phi_accrual: lower bound of the standard deviation (ns), so that a perfectly regular network
  // does not make the detector suspect on the first nanosecond of lateness.
  Duration min_std_deviation = Duration::milliseconds(10);
  // phi_accrual: a late heartbeat first waits this much (ns) before phi starts to grow (Akka's
  // acceptable-heartbeat-pause); 0 disables.
  Duration acceptable_pause = Duration{0};
};

class FailureDetector {
 public:
  virtual ~FailureDetector() = default;
  // A heartbeat from `peer` arrived at local time `now` (non-decreasing per peer).
  virtual void heartbeat(NodeId peer, Time now) = 0;
  // A heartbeat from a new incarnation of `peer` (it restarted) arrived at local time `now`: the
  // detector forgets what it learned of the old incarnation's arrivals and counts this as the
  // first heartbeat (for phi-accrual, the crash gap must not become an inter-arrival sample).
  // The default is heartbeat(): a fixed timeout keeps nothing else.
  virtual void restarted(NodeId peer, Time now) { heartbeat(peer, now); }
  // Whether `peer` is suspected at local time `now`. Before the first heartbeat from `peer`, the
  // detector behaves as if one had arrived at the time it was created.
  virtual bool suspects(NodeId peer, Time now) const = 0;
  // The earliest local time at which `peer` becomes suspected if nothing more arrives (the time a
  // timer should fire to notice it); Time::max() if never.
  virtual Time suspicion_time(NodeId peer) const = 0;
};

// A detector over `peers`, created at local time `start`. Errors: none (the config was validated
// by the scenario parser; an invalid one is a programmer error, FL_CHECK).
std::unique_ptr<FailureDetector> make_failure_detector(const DetectorConfig& config,
                                                       std::span<const NodeId> peers, Time start);

}  // namespace faultline::heartbeat
