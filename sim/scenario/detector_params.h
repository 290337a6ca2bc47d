// File: detector_params.h
// The failure-detector parameters a scenario gives under a `detector:` key (the heartbeat
// protocol's params, and every protocol that embeds a failure detector: Multi-Paxos leader
// election, primary-backup failover). Plain data, validated by parse_detector_params
// (detector_params_parser.h); the runner maps it onto protocols/heartbeat's DetectorConfig
// (sim/runner/detector_config.h). The defaults equal DetectorConfig's.
#pragma once

#include <cstdint>

#include "sim/base/time.h"

namespace faultline {

struct DetectorParams {
  enum class Kind { fixed_timeout, phi_accrual };
  Kind kind = Kind::fixed_timeout;
  // Heartbeat period (ns), > 0 and <= 600s.
  Duration interval = Duration::milliseconds(100);
  // fixed_timeout only: suspect after no heartbeat for this long (ns), > interval and <= 1h.
  Duration timeout = Duration::milliseconds(500);
  // phi_accrual only: suspicion threshold Phi in thousandths (scenario: a decimal with at most
  // three places, 0.001..1000; `8` is 8000).
  uint32_t phi_threshold_milli = 8000;
  // phi_accrual only: inter-arrival samples kept per peer, 2..10000.
  uint32_t window = 100;
  // phi_accrual only: floor of the standard deviation (ns), > 0 and <= 600s.
  Duration min_std_deviation = Duration::milliseconds(10);
  // phi_accrual only: added to the mean inter-arrival time (ns), >= 0 and <= 600s.
  Duration acceptable_pause = Duration{0};
};

// "fixed_timeout" / "phi_accrual".
const char* detector_kind_name(DetectorParams::Kind kind);

}  // namespace faultline
