// File: multi_paxos_factory.cc
// Maps the scenario's multi_paxos params onto the protocol's config (placeholder until it lands).
#include "sim/base/check.h"
#include "sim/runner/protocol_factory.h"

namespace faultline {

ProtocolFactory multi_paxos_factory(const Scenario& scenario) {
  (void)scenario;
  FL_CHECK(false, "protocol multi_paxos is not built yet");
  return nullptr;
}

std::string multi_paxos_parameters(const Scenario& scenario) {
  return scenario.cluster.multi_paxos.bug.empty() ? "" : "bug=" + scenario.cluster.multi_paxos.bug;
}

}  // namespace faultline
