// File: phi_accrual.cc
// The phi-accrual failure detector (Hayashibara, Defago, Yared and Katayama 2004).
// PLACEHOLDER until the heartbeat work lands: behaves as a fixed timeout of interval * 5.
#include <memory>

#include "protocols/heartbeat/failure_detector.h"

namespace faultline::heartbeat {

std::unique_ptr<FailureDetector> make_phi_accrual_detector(const DetectorConfig& config,
                                                           std::span<const NodeId> peers,
                                                           Time start) {
  DetectorConfig fixed = config;
  fixed.kind = DetectorConfig::Kind::fixed_timeout;
  fixed.timeout = config.interval * 5;
  return make_failure_detector(fixed, peers, start);
}

}  // namespace faultline::heartbeat
