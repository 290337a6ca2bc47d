// File: failure_detector.cc
// make_failure_detector and the fixed-timeout detector. The phi-accrual detector lives in
// phi_accrual.cc.
#include "protocols/heartbeat/failure_detector.h"

#include <algorithm>
#include <vector>

#include "sim/base/check.h"

namespace faultline::heartbeat {

std::unique_ptr<FailureDetector> make_phi_accrual_detector(const DetectorConfig& config,
                                                           std::span<const NodeId> peers,
                                                           Time start);

namespace {

// Suspects a peer once `timeout` has passed since its last heartbeat (the classic detector of
// Chen, Toueg and Aguilera 2002, section 1: "suspect after no message for T").
class FixedTimeoutDetector final : public FailureDetector {
 public:
  FixedTimeoutDetector(Duration timeout, std::span<const NodeId> peers, Time start)
      : timeout_(timeout) {
    for (NodeId peer : peers) {
      last_heartbeat_.push_back({peer, start});
    }
  }

  void heartbeat(NodeId peer, Time now) override {
    Time& last = last_of(peer);
    last = std::max(last, now);
  }

  bool suspects(NodeId peer, Time now) const override { return now >= suspicion_time(peer); }

  Time suspicion_time(NodeId peer) const override {
    return const_cast<FixedTimeoutDetector*>(this)->last_of(peer) + timeout_;
  }

 private:
  Time& last_of(NodeId peer) {
    for (auto& [known, last] : last_heartbeat_) {
      if (known == peer) {
        return last;
      }
    }
    FL_CHECK(false, "peer {} is not monitored", peer.name());
    return last_heartbeat_.front().second;
  }

  Duration timeout_;
  std::vector<std::pair<NodeId, Time>> last_heartbeat_;  // few peers: a linear scan is fastest
};

}  // namespace

std::unique_ptr<FailureDetector> make_failure_detector(const DetectorConfig& config,
                                                       std::span<const NodeId> peers, Time start) {
  FL_CHECK(config.interval > Duration{0} && config.timeout > Duration{0},
           "detector interval and timeout must be positive");
  switch (config.kind) {
    case DetectorConfig::Kind::fixed_timeout:
      return std::make_unique<FixedTimeoutDetector>(config.timeout, peers, start);
    case DetectorConfig::Kind::phi_accrual:
      return make_phi_accrual_detector(config, peers, start);
  }
  return nullptr;
}

}  // namespace faultline::heartbeat
