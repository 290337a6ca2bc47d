// File: paxos_factory.cc
// Maps the scenario's paxos params onto the protocol's config (placeholder until it lands).
#include "sim/base/check.h"
#include "sim/runner/protocol_factory.h"

namespace faultline {

ProtocolFactory paxos_factory(const Scenario& scenario) {
  (void)scenario;
  FL_CHECK(false, "protocol paxos is not built yet");
  return nullptr;
}

std::string paxos_parameters(const Scenario& scenario) {
  return scenario.cluster.paxos.bug.empty() ? "" : "bug=" + scenario.cluster.paxos.bug;
}

}  // namespace faultline
