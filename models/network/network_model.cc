// File: network_model.cc
// Latency draws, loss and symmetric partitions.
#include "models/network/network_model.h"

#include <fmt/format.h>

namespace faultline {

Duration LatencyDistribution::draw(Rng& rng) const {
  switch (kind) {
    case Kind::constant:
      return first;
    case Kind::uniform:
      return rng.uniform_duration(first, second);
    case Kind::exponential:
      return rng.exponential(first);
    case Kind::lognormal:
      return rng.lognormal(first, second);
  }
  FL_CHECK(false, "unknown latency kind");
  return first;
}

std::string LatencyDistribution::describe() const {
  switch (kind) {
    case Kind::constant:
      return fmt::format("constant({})", format_duration(first));
    case Kind::uniform:
      return fmt::format("uniform({},{})", format_duration(first), format_duration(second));
    case Kind::exponential:
      return fmt::format("exponential(mean={})", format_duration(first));
    case Kind::lognormal:
      return fmt::format("lognormal(median={},p99={})", format_duration(first),
                         format_duration(second));
  }
  return "?";
}

NetworkModel::NetworkModel(NetworkConfig config)
    : config_(config), group_of_server_(config.server_count + 1, 0) {
  FL_CHECK(config.loss.numerator <= config.loss.denominator, "loss above 1");
}

void NetworkModel::partition(const std::vector<std::vector<NodeId>>& groups) {
  std::fill(group_of_server_.begin(), group_of_server_.end(), 0);
  for (size_t group = 0; group < groups.size(); ++group) {
    for (NodeId node : groups[group]) {
      FL_CHECK(node.is_server() && node.number() <= config_.server_count, "bad node {}",
               node.name());
      FL_CHECK(group_of_server_[node.number()] == 0, "{} in two partition groups", node.name());
      group_of_server_[node.number()] = static_cast<uint32_t>(group + 1);
    }
  }
  partitioned_ = true;
}

void NetworkModel::heal() {
  std::fill(group_of_server_.begin(), group_of_server_.end(), 0);
  partitioned_ = false;
}

bool NetworkModel::can_reach(NodeId source, NodeId target) const {
  if (!partitioned_ || !source.is_server() || !target.is_server()) {
    return true;
  }
  return group_of_server_[source.number()] == group_of_server_[target.number()];
}

LinkDecision NetworkModel::decide(NodeId source, NodeId target, Rng& path_rng) const {
  if (!can_reach(source, target)) {
    return LinkDecision{LinkDecision::Outcome::partitioned, Duration{0}};
  }
  if (path_rng.chance(config_.loss)) {
    return LinkDecision{LinkDecision::Outcome::lost, Duration{0}};
  }
  return LinkDecision{LinkDecision::Outcome::deliver, config_.latency.draw(path_rng)};
}

}  // namespace faultline
