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
      disk_(config.disk),
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
    nodes_.push_back(std::make_unique<SimNode>(
        *this, NodeId::server(number), std::move(peers), streams_.derive("node", number),
        config.disk.capacity_bytes, make_clock(config.clocks, number, streams_)));
    disk_rngs_.push_back(streams_.derive("disk", number));
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

void Cluster::crash(NodeId id, bool tear) {
  SimNode& server = node(id);
  if (!server.is_up()) {
    record(TraceEvent{"node", "crash_ignored", {{"reason", "already_down"}}}.with_node(id));
    return;
  }
  crash_node(id, tear, /*may_tear=*/true, "");
}

void Cluster::crash_node(NodeId id, bool force_tear, bool may_tear, std::string_view cause) {
  SimNode& server = node(id);
  SimStorage& disk = server.sim_storage();
  bool lose_unsynced = config_.disk.lose_unsynced_on_crash;
  int64_t unsynced = static_cast<int64_t>(disk.unsynced_writes());
  std::optional<SimStorage::Record> last = disk.last_unsynced_record();
  // Draws from ("disk", n) only when there is a write to tear and the probability is nonzero.
  bool tear = last.has_value() &&
              (force_tear || (may_tear && lose_unsynced && disk_.tears_on_crash(disk_rng(id))));
  uint64_t kept_bytes = 0;
  if (tear) {
    kept_bytes = disk_.torn_kept_bytes(DiskModel::record_bytes(last->key_bytes, last->value_bytes),
                                       disk_rng(id));
  }
  server.crash(lose_unsynced, tear);
  int64_t lost = lose_unsynced ? unsynced : (tear ? int64_t{1} : int64_t{0});
  if (cause.empty()) {
    record(TraceEvent{"node", "crash", {{"unsynced_writes_lost", lost}}}.with_node(id));
  } else {
    record(
        TraceEvent{"node", "crash", {{"unsynced_writes_lost", lost}, {"cause", cause}}}.with_node(
            id));
  }
  if (tear) {
    ++counters_.torn_writes;
    record(TraceEvent{
        "disk", "torn", {{"key", last->key}, {"kept_bytes", static_cast<int64_t>(kept_bytes)}}}
               .with_node(id));
  }
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

void Cluster::wipe(NodeId id) {
  SimNode& server = node(id);
  if (server.is_up()) {
    crash_node(id, /*force_tear=*/false, /*may_tear=*/false, "wipe");
  }
  server.sim_storage().wipe();
  ++counters_.wipes;
  record(TraceEvent{"disk", "wipe"}.with_node(id));
  record(TraceEvent{"node", "restart"}.with_node(id));
  server.boot(factory_);
}

uint32_t Cluster::corrupt(NodeId id, uint32_t records) {
  SimStorage& disk = node(id).sim_storage();
  std::vector<std::string> candidates = disk.intact_durable_keys();
  std::vector<size_t> picked = disk_.pick_corrupted(candidates.size(), records, disk_rng(id));
  if (picked.empty()) {
    record(TraceEvent{"disk", "corrupt_ignored", {{"reason", "no_intact_records"}}}.with_node(id));
    return 0;
  }
  for (size_t index : picked) {
    disk.corrupt(candidates[index]);
    ++counters_.corruptions;
    record(TraceEvent{"disk", "corrupt", {{"key", candidates[index]}}}.with_node(id));
  }
  return static_cast<uint32_t>(picked.size());
}

void Cluster::set_disk_full(NodeId id, bool full) {
  node(id).sim_storage().set_full(full);
  record(TraceEvent{"disk", full ? "full" : "full_end"}.with_node(id));
}

void Cluster::note_sync_failed(NodeId id, StorageOpId op, std::string_view reason) {
  ++counters_.sync_failures;
  record(TraceEvent{"disk", "sync_failed", {{"op", static_cast<int64_t>(op)}, {"reason", reason}}}
             .with_node(id));
}

void Cluster::finish_halt(NodeId id) {
  ++counters_.halts;
  crash_node(id, /*force_tear=*/false, /*may_tear=*/false, "halt");
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

void Cluster::set_reachability(const Reachability& reachability, std::string description) {
  network_.set_reachability(reachability);
  if (description.empty()) {
    description = reachability.describe();
  }
  record(TraceEvent{"net", "partition", {{"groups", description}}});
}

namespace {

std::string describe_servers(const std::vector<NodeId>& servers) {
  if (servers.empty()) {
    return "all";
  }
  std::string text;
  for (NodeId server : servers) {
    text += (text.empty() ? "" : ",") + server.name();
  }
  return text;
}

}  // namespace

void Cluster::clog(std::vector<NodeId> from, std::vector<NodeId> to, Time until) {
  FL_CHECK(until > simulator_.now(), "clog ending at {} is not in the future", until.ns);
  network_.clog(from, to, until);
  uint64_t serial = next_clog_serial_++;
  auto& names = active_clogs_[serial];
  names = {describe_servers(from), describe_servers(to)};
  record(TraceEvent{
      "net", "clog", {{"from", names.first}, {"to", names.second}, {"until", until.ns}}});
  simulator_.schedule_callback_at(until, [this, serial] { end_clog(serial, "expired"); });
}

void Cluster::end_clog(uint64_t serial, std::string_view reason) {
  auto position = active_clogs_.find(serial);
  if (position == active_clogs_.end()) {
    return;  // ended earlier by heal
  }
  record(TraceEvent{
      "net",
      "clog_end",
      {{"from", position->second.first}, {"to", position->second.second}, {"reason", reason}}});
  active_clogs_.erase(position);
}

void Cluster::heal() {
  network_.heal();
  record(TraceEvent{"net", "heal"});
  while (!active_clogs_.empty()) {
    end_clog(active_clogs_.begin()->first, "heal");
  }
}

void Cluster::clock_jump(NodeId id, Duration by) {
  FL_CHECK(by.ns != 0, "clock jump of {} by 0", id.name());
  Duration taken = node(id).jump_clock(by);
  ++counters_.clock_jumps;
  record(
      TraceEvent{"clock", "jump", {{"by", taken.ns}, {"local", local_time(id).ns}}}.with_node(id));
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
  LinkDecision decision = network_.decide(source, target, message->size_bytes(), simulator_.now(),
                                          path_rng(source, target));
  TraceEvent event{"net",
                   "send",
                   {{"to", target_name},
                    {"type", message->type_name()},
                    {"bytes", static_cast<int64_t>(message->size_bytes())},
                    {"id", static_cast<int64_t>(message_id)}}};
  event.node = source;
  if (decision.transmission.ns > 0) {
    ++counters_.transmitted;
    // Queueing and serialization on a bandwidth-limited link (only there, so that traces of
    // unlimited links keep their form).
    event.fields[event.field_count++] = TraceField{"tx_ns", decision.transmission.ns};
  }
  record(event);
  switch (decision.outcome) {
    case LinkDecision::Outcome::deliver:
      break;
    case LinkDecision::Outcome::lost:
      trace_drop(source_name, target, message_id, "loss", counters_.dropped_loss);
      return;
    case LinkDecision::Outcome::partitioned:
      trace_drop(source_name, target, message_id, "partition", counters_.dropped_partition);
      return;
    case LinkDecision::Outcome::queue_full:
      trace_drop(source_name, target, message_id, "queue_full", counters_.dropped_queue_full);
      return;
  }
  trace_decision(decision, source, message_id);
  if (!decision.duplicated) {
    schedule_delivery(decision.delay, source, target, message_id, std::move(message));
    return;
  }
  // The copy shares the message body: both deliveries see the same immutable message.
  schedule_delivery(decision.delay, source, target, message_id, message);
  schedule_delivery(decision.duplicate_delay, source, target, message_id, std::move(message));
}

void Cluster::trace_decision(const LinkDecision& decision, NodeId source, uint64_t message_id) {
  if (decision.held()) {
    ++counters_.clogged;
    record(TraceEvent{"net",
                      "clog_hold",
                      {{"id", static_cast<int64_t>(message_id)}, {"until", decision.held_until.ns}}}
               .with_node(source));
  }
  if (decision.duplicated) {
    ++counters_.duplicated;
    record(TraceEvent{
        "net",
        "duplicate",
        {{"id", static_cast<int64_t>(message_id)}, {"copy", decision.duplicate_delay.ns}}}
               .with_node(source));
  }
  if (decision.reorder_extra.ns > 0) {
    ++counters_.reordered;
    record(
        TraceEvent{"net",
                   "reorder",
                   {{"id", static_cast<int64_t>(message_id)}, {"extra", decision.reorder_extra.ns}}}
            .with_node(source));
  }
}

void Cluster::schedule_delivery(Duration delay, NodeId source, NodeId target, uint64_t message_id,
                                MessagePtr message) {
  uint64_t slot = 0;
  if (free_slots_.empty()) {
    slot = in_flight_.size();
    in_flight_.push_back(InFlight{source, target, message_id, std::move(message)});
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
    in_flight_[slot] = InFlight{source, target, message_id, std::move(message)};
  }
  simulator_.schedule_after(delay, delivery_handler_, slot);
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

void Cluster::schedule_sync_completion(NodeId id, StorageOpId op, uint64_t new_writes) {
  FL_CHECK(op <= low_mask, "storage op id overflow");
  // Syncs complete in issue order: never before the previous completion of this disk.
  Time& last = last_sync_completion_[id.number()];
  Time at = disk_.sync_completion(simulator_.now(), new_writes, last);
  FL_CHECK(at >= last && at >= simulator_.now(), "sync {} of {} completes in the past", op,
           id.name());
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
