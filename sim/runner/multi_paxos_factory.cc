// File: multi_paxos_factory.cc
// Maps the scenario's multi_paxos params onto paxos::MultiPaxosConfig, and the banner line.
#include <fmt/format.h>

#include "protocols/paxos/multi_paxos.h"
#include "sim/runner/detector_config.h"
#include "sim/runner/protocol_factory.h"

namespace faultline {

ProtocolFactory multi_paxos_factory(const Scenario& scenario) {
  const MultiPaxosParams& params = scenario.cluster.multi_paxos;
  paxos::MultiPaxosConfig config;
  config.detector = to_detector_config(params.detector);
  config.max_slots_per_round = params.max_slots_per_round;
  if (params.bug == "ignore_promise_reports") {
    config.bug = paxos::MultiPaxosConfig::Bug::ignore_promise_reports;
  }
  return [config](NodeEnv& env) { return paxos::make_multi_paxos(env, config); };
}

std::string multi_paxos_parameters(const Scenario& scenario) {
  const MultiPaxosParams& params = scenario.cluster.multi_paxos;
  const DetectorParams& detector = params.detector;
  std::string text = fmt::format("detector={} interval={}", detector_kind_name(detector.kind),
                                 format_duration(detector.interval));
  if (detector.kind == DetectorParams::Kind::fixed_timeout) {
    text += fmt::format(" timeout={}", format_duration(detector.timeout));
  } else {
    text += fmt::format(
        " phi_threshold={}.{:03} window={} min_std_deviation={} acceptable_pause={}",
        detector.phi_threshold_milli / 1000, detector.phi_threshold_milli % 1000, detector.window,
        format_duration(detector.min_std_deviation), format_duration(detector.acceptable_pause));
  }
  text += fmt::format(" max_slots_per_round={}", params.max_slots_per_round);
  return params.bug.empty() ? text : text + " bug=" + params.bug;
}

}  // namespace faultline
