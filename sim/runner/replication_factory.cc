// File: replication_factory.cc
// Maps the scenario's replication params onto the protocol's config (placeholder until it lands).
#include "sim/base/check.h"
#include "sim/runner/protocol_factory.h"

namespace faultline {

ProtocolFactory replication_factory(const Scenario& scenario) {
  (void)scenario;
  FL_CHECK(false, "protocol replication is not built yet");
  return nullptr;
}

std::string replication_parameters(const Scenario& scenario) {
  return scenario.cluster.replication.bug.empty() ? "" : "bug=" + scenario.cluster.replication.bug;
}

}  // namespace faultline
