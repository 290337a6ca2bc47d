// File: heartbeat_factory.cc
// Maps the scenario's heartbeat params onto the heartbeat protocol's config, and writes them on
// the run banner.
#include "protocols/heartbeat/heartbeat_protocol.h"
#include "sim/runner/detector_config.h"
#include "sim/runner/protocol_factory.h"

namespace faultline {

ProtocolFactory heartbeat_factory(const Scenario& scenario) {
  heartbeat::HeartbeatConfig config;
  config.detector = to_detector_config(scenario.cluster.heartbeat.detector);
  return [config](NodeEnv& env) { return heartbeat::make_heartbeat(env, config); };
}

std::string heartbeat_parameters(const Scenario& scenario) {
  return detector_parameters(scenario.cluster.heartbeat.detector);
}

}  // namespace faultline
