// File: heartbeat_protocol.h
// The standalone heartbeat protocol: every server sends a Heartbeat to every peer every
// `detector.interval` of its local clock and monitors every peer with the configured failure
// detector (fixed timeout or phi-accrual). It arms one timer per peer at the detector's
// suspicion_time() to notice the first instant of suspicion, and publishes
//   fd.suspect target=nK   when it starts suspecting nK (the timer found suspects() true)
//   fd.trust target=nK     when a new heartbeat from a suspected nK arrives
// so that the QoS checker (sim/check/fd_qos.h) can measure detection time and mistakes (Chen,
// Toueg and Aguilera 2002). Volatile state only: a restart starts trusting everyone afresh.
#pragma once

#include <memory>

#include "protocols/heartbeat/failure_detector.h"
#include "sim/env/node_env.h"
#include "sim/env/protocol.h"

namespace faultline::heartbeat {

struct HeartbeatConfig {
  // The detector every server runs over each of its peers; its `interval` is also the sending
  // period of this protocol.
  DetectorConfig detector;
};

// Timer tags: the sending period, and one suspicion timer per peer (tag = the peer's NodeId
// value, which is >= 1).
inline constexpr uint64_t heartbeat_send_tag = 0;

// Builds a heartbeat node on `env` (which must outlive it).
std::unique_ptr<Protocol> make_heartbeat(NodeEnv& env, const HeartbeatConfig& config);

}  // namespace faultline::heartbeat
