// File: heartbeat_factory.cc
// Maps the scenario's heartbeat params onto the protocol's config (placeholder until it lands).
#include "sim/base/check.h"
#include "sim/runner/protocol_factory.h"

namespace faultline {

ProtocolFactory heartbeat_factory(const Scenario& scenario) {
  (void)scenario;
  FL_CHECK(false, "protocol heartbeat is not built yet");
  return nullptr;
}

std::string heartbeat_parameters(const Scenario& scenario) {
  return scenario.cluster.heartbeat.bug.empty() ? "" : "bug=" + scenario.cluster.heartbeat.bug;
}

}  // namespace faultline
