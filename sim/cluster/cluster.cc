// File: cluster.cc
// Building the world, the fabric (send -> decision -> delivery event), and fault entry points.
#include "sim/cluster/cluster.h"

namespace faultline {
namespace {

constexpr int node_shift = 48;
constexpr uint64_t low_mask = (uint64_t{1} << node_shift) - 1;

}  // namespace

Cluster::Cluster(const ClusterConfig& config, ProtocolFactory factory, const RngStreams& streams,
                 Simulator& simulator, TraceSink& trace)
    : config_(config),
      factory_(std::move(factory)),
      streams_(streams),
      simulator_(simulator),
      trace_(trace),
      network_([&] {
        NetworkConfig network = config.network;
        network.server_count = config.server_count;
        return network;
      }()),
      roles_(config.server_count),
      last_sync_completion_(config.server_count + 1, Time::zero()) {
  FL_CHECK(config.server_count >= 1 && config.server_count < 0xffff, "bad server count {}",
           config.server_count);
  trace_.add_observer(&roles_);
  delivery_handler_ = simulator_.add_handler(&Cluster::on_delivery, this);
  timer_handler_ = simulator_.add_handler(&Cluster::on_node_timer, this);
  sync_handler_ = simulator_.add_handler(&Cluster::on_sync, this);
  client_handler_ = simulator_.add_handler(&Cluster::on_client_timer, this);
  for (uint32_t number = 1; number <= config.server_count; ++number) {
    std::vector<NodeId> peers;
    for (uint32_t peer = 1; peer <= config.server_count; ++peer) {
      if (peer != number) {
        peers.push_back(NodeId::server(peer));
      }
    }
    nodes_.push_back(std::make_unique<SimNode>(*this, NodeId::server(number), std::move(peers),
                                               streams_.derive("node", number),
                                               make_clock(config.clocks, number, streams_)));
  }
  for (uint32_t number = 1; number <= config.workload.clients; ++number) {
    clients_.push_back(std::make_unique<KvClient>(*this, NodeId::client(number),
                                                  config.server_count, config_.workload,
                                                  streams_.derive("workload", number)));
  }
}

Cluster::~Cluster() = default;

void Cluster::start() {
  for (auto& server : nodes_) {
    server->boot(factory_);
  }
  for (auto& client : clients_) {
    client->start();
  }
}

SimNode& Cluster::node(NodeId id) {
  FL_CHECK(id.is_server() && id.number() <= nodes_.size(), "no server {}", id.name());
  return *nodes_[id.number() - 1];
}

bool Cluster::is_up(NodeId id) const {
  FL_CHECK(id.is_server() && id.number() <= nodes_.size(), "no server {}", id.name());
  return nodes_[id.number() - 1]->is_up();
}

Time Cluster::local_time(NodeId id) const {
  FL_CHECK(id.is_server() && id.number() <= nodes_.size(), "no server {}", id.name());
  return nodes_[id.number() - 1]->clock().local(simulator_.now());
}

void Cluster::record(TraceEvent& event) {
  event.time = simulator_.now();
  if (config_.clocks_modelled && event.node.is_server()) {
    event.local = local_time(event.node);
    event.has_local = true;
  }
  trace_.record(event);
}

void Cluster::crash(NodeId id) {
  SimNode& server = node(id);
  if (!server.is_up()) {
    record(TraceEvent{"node", "crash_ignored", {{"reason", "already_down"}}}.with_node(id));
    return;
  }
  int64_t unsynced = static_cast<int64_t>(server.sim_storage().unsynced_writes());
  server.crash(config_.disk.lose_unsynced_on_crash);
  record(TraceEvent{
      "node",
      "crash",
      {{"unsynced_writes_lost", config_.disk.lose_unsynced_on_crash ? unsynced : int64_t{0}}}}
             .with_node(id));
}

void Cluster::restart(NodeId id) {
  SimNode& server = node(id);
  if (server.is_up()) {
    record(TraceEvent{"node", "restart_ignored", {{"reason", "already_up"}}}.with_node(id));
    return;
  }
  record(TraceEvent{"node", "restart"}.with_node(id));
  server.boot(factory_);
}

void Cluster::partition(const std::vector<std::vector<NodeId>>& groups) {
  network_.partition(groups);
  std::string description;
  for (const auto& group : groups) {
    description += description.empty() ? "" : "|";
    for (size_t i = 0; i < group.size(); ++i) {
      description += (i == 0 ? "" : ",") + group[i].name();
    }
  }
  record(TraceEvent{"net", "partition", {{"groups", description}}});
}

void Cluster::heal() {
  network_.heal();
  record(TraceEvent{"net", "heal"});
}

void Cluster::clock_jump(NodeId id, Duration by) {
  FL_CHECK(by.ns != 0, "clock jump of {} by 0", id.name());
  node(id).jump_clock(by);
  ++counters_.clock_jumps;
  record(TraceEvent{"clock", "jump", {{"by", by.ns}, {"local", local_time(id).ns}}}.with_node(id));
}

Rng& Cluster::path_rng(NodeId source, NodeId target) {
  uint64_t path = (uint64_t{source.value} << 32) | target.value;
  auto position = path_rngs_.find(path);
  if (position == path_rngs_.end()) {
    position = path_rngs_.emplace(path, streams_.derive("net", path)).first;
  }
  return position->second;
}

void Cluster::transmit(NodeId source, NodeId target, MessagePtr message) {
  FL_CHECK(target.is_client() ? target.number() <= clients_.size()
                              : target.is_server() && target.number() <= nodes_.size(),
           "{} sends to unknown endpoint {}", source.name(), target.name());
  ++counters_.messages_sent;
  uint64_t message_id = next_message_id_++;
  std::string target_name = target.name();
  std::string source_name = source.name();
  LinkDecision decision = network_.decide(source, target, path_rng(source, target));
  TraceEvent event{"net",
                   "send",
                   {{"to", target_name},
                    {"type", message->type_name()},
                    {"bytes", static_cast<int64_t>(message->size_bytes())},
                    {"id", static_cast<int64_t>(message_id)}}};
  event.node = source;
  record(event);
  if (decision.outcome != LinkDecision::Outcome::deliver) {
    bool lost = decision.outcome == LinkDecision::Outcome::lost;
    trace_drop(source_name, target, message_id, lost ? "loss" : "partition",
               lost ? counters_.dropped_loss : counters_.dropped_partition);
    return;
  }
  uint64_t slot = 0;
  if (free_slots_.empty()) {
    slot = in_flight_.size();
    in_flight_.push_back(InFlight{source, target, message_id, std::move(message)});
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
    in_flight_[slot] = InFlight{source, target, message_id, std::move(message)};
  }
  simulator_.schedule_after(decision.delay, delivery_handler_, slot);
}

void Cluster::trace_drop(std::string_view source_name, NodeId target, uint64_t message_id,
                         std::string_view reason, uint64_t& counter) {
  ++counter;
  record(TraceEvent{
      "net",
      "drop",
      {{"from", source_name}, {"id", static_cast<int64_t>(message_id)}, {"reason", reason}}}
             .with_node(target));
}

void Cluster::on_delivery(void* context, uint64_t slot) {
  auto* cluster = static_cast<Cluster*>(context);
  // Take the message out of its slot first: the receiver may send, which can reuse slots.
  InFlight flight = std::move(cluster->in_flight_[slot]);
  cluster->in_flight_[slot].message.reset();
  cluster->free_slots_.push_back(slot);
  cluster->executing_ = flight.target;
  cluster->deliver(flight);
  cluster->executing_ = NodeId::none();
}

void Cluster::deliver(InFlight& flight) {
  std::string source_name = flight.source.name();
  if (!network_.can_reach(flight.source, flight.target)) {
    trace_drop(source_name, flight.target, flight.message_id, "partition",
               counters_.dropped_partition);
    return;
  }
  if (flight.target.is_client()) {
    ++counters_.messages_delivered;
    record(TraceEvent{
        "net", "deliver", {{"from", source_name}, {"id", static_cast<int64_t>(flight.message_id)}}}
               .with_node(flight.target));
    FL_CHECK(flight.message->kind() == static_cast<uint32_t>(KvMessageKind::reply),
             "client {} got a {}", flight.target.name(), flight.message->type_name());
    clients_[flight.target.number() - 1]->on_reply(static_cast<const KvReply&>(*flight.message));
    return;
  }
  SimNode& server = node(flight.target);
  if (!server.is_up()) {
    trace_drop(source_name, flight.target, flight.message_id, "crashed", counters_.dropped_crashed);
    return;
  }
  ++counters_.messages_delivered;
  record(TraceEvent{
      "net", "deliver", {{"from", source_name}, {"id", static_cast<int64_t>(flight.message_id)}}}
             .with_node(flight.target));
  server.deliver(flight.source, flight.message);
}

EventId Cluster::schedule_node_timer(NodeId id, Time at, TimerId timer) {
  FL_CHECK(timer <= low_mask, "timer id overflow");
  return simulator_.schedule_at(at, timer_handler_, (uint64_t{id.number()} << node_shift) | timer);
}

void Cluster::on_node_timer(void* context, uint64_t payload) {
  auto* cluster = static_cast<Cluster*>(context);
  NodeId id = NodeId::server(static_cast<uint32_t>(payload >> node_shift));
  cluster->executing_ = id;
  cluster->node(id).fire_timer(payload & low_mask);
  cluster->executing_ = NodeId::none();
}

void Cluster::schedule_sync_completion(NodeId id, StorageOpId op) {
  FL_CHECK(op <= low_mask, "storage op id overflow");
  // Syncs complete in issue order: never before the previous completion of this disk.
  Time at = simulator_.now() + config_.disk.sync_latency;
  Time& last = last_sync_completion_[id.number()];
  at = std::max(at, last);
  last = at;
  simulator_.schedule_at(at, sync_handler_, (uint64_t{id.number()} << node_shift) | op);
}

void Cluster::on_sync(void* context, uint64_t payload) {
  auto* cluster = static_cast<Cluster*>(context);
  NodeId id = NodeId::server(static_cast<uint32_t>(payload >> node_shift));
  cluster->executing_ = id;
  cluster->node(id).complete_sync(payload & low_mask);
  cluster->executing_ = NodeId::none();
}

void Cluster::schedule_client_timer(NodeId client, Duration delay, uint8_t kind, uint32_t attempt) {
  uint64_t payload = (uint64_t{client.number()} << 40) | (uint64_t{kind} << 32) | attempt;
  simulator_.schedule_after(delay, client_handler_, payload);
}

void Cluster::on_client_timer(void* context, uint64_t payload) {
  auto* cluster = static_cast<Cluster*>(context);
  uint32_t number = static_cast<uint32_t>(payload >> 40);
  auto kind = static_cast<KvClient::TimerKind>((payload >> 32) & 0xff);
  cluster->clients_[number - 1]->on_timer(kind, static_cast<uint32_t>(payload & 0xffffffff));
}

}  // namespace faultline
