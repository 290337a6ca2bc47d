// File: paxos_factory.cc
// Maps `cluster.params` of `protocol: paxos` (PaxosParams) onto each server's SingleDecreeConfig:
// the proposers get their value "v-nK" and start time; every server is acceptor and learner.
#include <algorithm>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "protocols/paxos/single_decree.h"
#include "sim/base/check.h"
#include "sim/runner/protocol_factory.h"
#include "sim/scenario/paxos_params.h"

namespace faultline {
namespace {

paxos::SingleDecreeConfig single_decree_config(const PaxosParams& params, NodeId server) {
  paxos::SingleDecreeConfig config;
  std::optional<paxos::AcceptorBug> bug =
      params.bug.empty() ? paxos::AcceptorBug::none : paxos::acceptor_bug_from_name(params.bug);
  FL_CHECK(bug.has_value(), "unknown paxos bug '{}' passed the parser", params.bug);
  config.bug = *bug;
  paxos::ProposerConfig& proposer = config.proposer;
  proposer.proposes = std::find(params.proposers.begin(), params.proposers.end(),
                                server.number()) != params.proposers.end();
  proposer.value = "v-" + server.name();
  auto at = params.propose_at_by_node.find(server.number());
  proposer.propose_at = at != params.propose_at_by_node.end() ? at->second : params.propose_at;
  proposer.phase_timeout = params.phase_timeout;
  proposer.retry_delay = params.retry_delay;
  proposer.backoff = params.backoff_random ? paxos::Backoff::random : paxos::Backoff::none;
  proposer.backoff_max = params.backoff_max;
  proposer.max_rounds = params.max_rounds;
  return config;
}

}  // namespace

ProtocolFactory paxos_factory(const Scenario& scenario) {
  PaxosParams params = scenario.cluster.paxos;
  return [params](NodeEnv& env) {
    return paxos::make_single_decree_paxos(env, single_decree_config(params, env.self()));
  };
}

// "proposers=[n1,n2] propose_at=0s phase_timeout=100ms retry_delay=0s backoff=none ..."
std::string paxos_parameters(const Scenario& scenario) {
  const PaxosParams& params = scenario.cluster.paxos;
  std::string proposers;
  for (uint32_t number : params.proposers) {
    proposers += fmt::format("{}n{}", proposers.empty() ? "" : ",", number);
  }
  std::string text =
      fmt::format("proposers=[{}] propose_at={}", proposers, format_duration(params.propose_at));
  for (const auto& [number, at] : params.propose_at_by_node) {
    text += fmt::format(" propose_at.n{}={}", number, format_duration(at));
  }
  text += fmt::format(" phase_timeout={} retry_delay={} backoff={} backoff_max={} max_rounds={}",
                      format_duration(params.phase_timeout), format_duration(params.retry_delay),
                      params.backoff_random ? "random" : "none",
                      format_duration(params.backoff_max), params.max_rounds);
  return params.bug.empty() ? text : text + " bug=" + params.bug;
}

}  // namespace faultline
