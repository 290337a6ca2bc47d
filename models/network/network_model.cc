// File: network_model.cc
// Latency draws, loss, duplication, reordering, link queues, reachability and clogs.
#include "models/network/network_model.h"

#include <fmt/format.h>
#include <algorithm>

#include "models/network/topology.h"

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

Duration serialization_delay(uint64_t bytes, uint64_t bandwidth_bytes_per_second) {
  if (bandwidth_bytes_per_second == unlimited_bandwidth || bytes == 0) {
    return Duration{0};
  }
  __extension__ using Wide = unsigned __int128;  // GCC and Clang; -Wpedantic-clean
  Wide bits_ns = Wide{bytes} * 1'000'000'000u;
  Wide ns = (bits_ns + bandwidth_bytes_per_second - 1) / bandwidth_bytes_per_second;
  FL_CHECK(ns <= Wide{static_cast<uint64_t>(Duration::max().ns)},
           "serialization of {} bytes at {} B/s overflows", bytes, bandwidth_bytes_per_second);
  return Duration{static_cast<int64_t>(ns)};
}

namespace {

void check_probability(Ratio probability, std::string_view what) {
  FL_CHECK(probability.denominator > 0 && probability.numerator <= probability.denominator,
           "{} {} is not a probability", what, probability.to_string());
}

}  // namespace

NetworkModel::NetworkModel(NetworkConfig config)
    : config_(std::move(config)),
      reachability_(config_.server_count),
      links_(size_t{config_.server_count} * config_.server_count) {
  check_probability(config_.loss, "loss");
  check_probability(config_.duplicate, "duplicate");
  check_probability(config_.reorder, "reorder");
  FL_CHECK(config_.reorder_window.ns > 0, "reorder window must be positive");
  FL_CHECK(config_.queue_capacity_bytes > 0, "queue capacity must be positive");
  std::vector<PathProperties> table = compute_path_table(config_.topology, config_.server_count);
  paths_.resize(table.size());
  for (size_t index = 0; index < table.size(); ++index) {
    paths_[index] = Path{
        config_.latency, table[index].propagation,
        min_bandwidth(table[index].bandwidth_bytes_per_second, config_.bandwidth_bytes_per_second),
        config_.loss};
  }
  for (const LinkOverride& link : config_.links) {
    apply_override(link);
  }
}

void NetworkModel::apply_override(const LinkOverride& link) {
  FL_CHECK(link.from != link.to, "link override from {} to itself", link.from.name());
  if (link.loss) {
    check_probability(*link.loss, "link loss");
  }
  FL_CHECK(!link.bandwidth_bytes_per_second || *link.bandwidth_bytes_per_second > 0,
           "link bandwidth must be positive");
  for (int direction = 0; direction < (link.one_way ? 1 : 2); ++direction) {
    NodeId source = direction == 0 ? link.from : link.to;
    NodeId target = direction == 0 ? link.to : link.from;
    Path& path = paths_[path_index(source, target)];
    if (link.latency) {
      path.latency = *link.latency;
      path.propagation = Duration{0};
    }
    if (link.bandwidth_bytes_per_second) {
      path.bandwidth_bytes_per_second = *link.bandwidth_bytes_per_second;
    }
    if (link.loss) {
      path.loss = *link.loss;
    }
  }
}

size_t NetworkModel::path_index(NodeId source, NodeId target) const {
  FL_CHECK(source.is_server() && source.number() <= config_.server_count && target.is_server() &&
               target.number() <= config_.server_count,
           "no server path {} -> {}", source.name(), target.name());
  return size_t{source.number() - 1} * config_.server_count + (target.number() - 1);
}

void NetworkModel::set_reachability(Reachability reachability) {
  FL_CHECK(reachability.server_count() == config_.server_count,
           "reachability over {} servers for a network of {}", reachability.server_count(),
           config_.server_count);
  reachability_ = std::move(reachability);
  reachability_full_ = reachability_.is_full();
}

void NetworkModel::partition(const std::vector<std::vector<NodeId>>& groups) {
  std::vector<std::vector<uint32_t>> numbers;
  for (const auto& group : groups) {
    numbers.emplace_back();
    for (NodeId node : group) {
      FL_CHECK(node.is_server() && node.number() <= config_.server_count, "bad node {}",
               node.name());
      numbers.back().push_back(node.number());
    }
  }
  set_reachability(Reachability::groups(config_.server_count, numbers));
}

uint64_t NetworkModel::server_mask(const std::vector<NodeId>& servers) const {
  if (servers.empty()) {
    return config_.server_count == 64 ? ~uint64_t{0} : (uint64_t{1} << config_.server_count) - 1;
  }
  uint64_t mask = 0;
  for (NodeId server : servers) {
    FL_CHECK(server.is_server() && server.number() <= config_.server_count, "bad clog node {}",
             server.name());
    mask |= uint64_t{1} << (server.number() - 1);
  }
  return mask;
}

void NetworkModel::clog(const std::vector<NodeId>& from, const std::vector<NodeId>& to,
                        Time until) {
  clogs_.push_back(Clog{server_mask(from), server_mask(to), until});
}

void NetworkModel::heal() {
  reachability_ = Reachability(config_.server_count);
  reachability_full_ = true;
  clogs_.clear();
}

bool NetworkModel::can_reach(NodeId source, NodeId target) const {
  if (reachability_full_ || !source.is_server() || !target.is_server()) {
    return true;
  }
  return reachability_.can_reach(source.number(), target.number());
}

Time NetworkModel::clog_release(NodeId source, NodeId target, Time now) const {
  Time release = now;
  if (!source.is_server() || !target.is_server()) {
    return release;
  }
  uint64_t source_bit = uint64_t{1} << (source.number() - 1);
  uint64_t target_bit = uint64_t{1} << (target.number() - 1);
  for (const Clog& clog : clogs_) {
    if ((clog.from_servers & source_bit) != 0 && (clog.to_servers & target_bit) != 0) {
      release = std::max(release, clog.until);
    }
  }
  return release;
}

Time NetworkModel::enqueue(LinkQueue& link, uint64_t bytes, uint64_t bandwidth, Time release,
                           Time now) {
  // Forget messages fully transmitted by now.
  while (link.count > 0 && link.ring[link.head].finish <= now) {
    link.queued_bytes -= link.ring[link.head].bytes;
    link.head = (link.head + 1) % link.ring.size();
    --link.count;
  }
  if (link.queued_bytes + bytes > config_.queue_capacity_bytes) {
    return Time::max();
  }
  if (link.count == link.ring.size()) {
    std::vector<QueuedMessage> grown(std::max<size_t>(8, link.ring.size() * 2));
    for (size_t i = 0; i < link.count; ++i) {
      grown[i] = link.ring[(link.head + i) % link.ring.size()];
    }
    link.ring = std::move(grown);
    link.head = 0;
  }
  Time finish = std::max(release, link.busy_until) + serialization_delay(bytes, bandwidth);
  link.ring[(link.head + link.count) % link.ring.size()] = QueuedMessage{finish, bytes};
  ++link.count;
  link.queued_bytes += bytes;
  link.busy_until = finish;
  return finish;
}

void NetworkModel::draw_delays(LinkDecision& decision, const LatencyDistribution& latency,
                               Duration base, Rng& path_rng) const {
  decision.delay = base + latency.draw(path_rng);
  // is_zero first: skips the out-of-line call on the common path (chance draws nothing at 0).
  if (!config_.duplicate.is_zero() && path_rng.chance(config_.duplicate)) {
    decision.duplicated = true;
    decision.duplicate_delay = base + latency.draw(path_rng);
  }
  if (!config_.reorder.is_zero() && path_rng.chance(config_.reorder)) {
    decision.reorder_extra = path_rng.uniform_duration(Duration{1}, config_.reorder_window);
    decision.delay = decision.delay + decision.reorder_extra;
  }
}

LinkDecision NetworkModel::decide(NodeId source, NodeId target, uint64_t bytes, Time now,
                                  Rng& path_rng) {
  // One decision object filled in place (returned by NRVO): no copy of the struct per message.
  LinkDecision decision;
  if (!source.is_server() || !target.is_server()) {
    if (path_rng.chance(config_.loss)) {
      decision.outcome = LinkDecision::Outcome::lost;
      return decision;
    }
    draw_delays(decision, config_.latency, Duration{0}, path_rng);
    return decision;
  }
  if (!can_reach(source, target)) {
    decision.outcome = LinkDecision::Outcome::partitioned;
    return decision;
  }
  size_t index = path_index(source, target);
  const Path& path = paths_[index];
  Time release = now;
  if (!clogs_.empty()) {
    std::erase_if(clogs_, [now](const Clog& clog) { return clog.until <= now; });
    release = clog_release(source, target, now);
  }
  Time sent = release;  // the last byte is on the wire
  if (path.bandwidth_bytes_per_second != unlimited_bandwidth) {
    sent = enqueue(links_[index], bytes, path.bandwidth_bytes_per_second, release, now);
    if (sent == Time::max()) {
      decision.outcome = LinkDecision::Outcome::queue_full;
      return decision;
    }
  }
  decision.transmission = sent - release;
  // Loss happens on the wire: a lost message has used its link.
  if (path_rng.chance(path.loss)) {
    decision.outcome = LinkDecision::Outcome::lost;
    return decision;
  }
  decision.held_until = release > now ? release : Time::zero();
  draw_delays(decision, path.latency, (sent - now) + path.propagation, path_rng);
  return decision;
}

Duration NetworkModel::propagation(NodeId source, NodeId target) const {
  return paths_[path_index(source, target)].propagation;
}

uint64_t NetworkModel::bandwidth(NodeId source, NodeId target) const {
  return paths_[path_index(source, target)].bandwidth_bytes_per_second;
}

uint64_t NetworkModel::queued_bytes(NodeId source, NodeId target, Time now) const {
  const LinkQueue& link = links_[path_index(source, target)];
  uint64_t bytes = 0;
  for (size_t i = 0; i < link.count; ++i) {
    const QueuedMessage& message = link.ring[(link.head + i) % link.ring.size()];
    bytes += message.finish > now ? message.bytes : 0;
  }
  return bytes;
}

}  // namespace faultline
