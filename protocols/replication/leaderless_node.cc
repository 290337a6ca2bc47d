// File: leaderless_node.cc
// Lifecycle (start and recovery), dispatch per message type and the replica side of the
// leaderless store: installing writes and answering reads, each answer after the sync that makes
// what it reveals durable.
#include "protocols/replication/leaderless_node.h"

#include <fmt/format.h>

#include "protocols/common/lost_state.h"
#include "protocols/common/storage_keys.h"
#include "sim/base/check.h"

namespace faultline::replication {

LeaderlessNode::LeaderlessNode(NodeEnv& env, const LeaderlessConfig& config)
    : env_(env),
      config_(config),
      store_(env.storage()),
      ring_(static_cast<uint32_t>(env.peers().size() + 1), config.virtual_nodes,
            config.replication_factor) {}

std::unique_ptr<Protocol> make_leaderless(NodeEnv& env, const LeaderlessConfig& config) {
  return std::make_unique<LeaderlessNode>(env, config);
}

void LeaderlessNode::trace(std::string_view name, std::initializer_list<TraceField> fields) {
  env_.trace(TraceEvent("leaderless", name, fields));
}

// The one event the convergence checker learns replica state from (README.md "Trace events"):
// the key, the item's version and value, and the key's preference list.
void LeaderlessNode::trace_store(const std::string& key, const Item& item,
                                 std::string_view source) {
  std::string replicas = describe_nodes(replicas_of(key));
  trace("store", {{"key", key},
                  {"ts", item.version.timestamp},
                  {"writer", static_cast<int64_t>(item.version.writer)},
                  {"value", item.value},
                  {"replicas", replicas},
                  {"source", source}});
}

const std::vector<NodeId>& LeaderlessNode::replicas_of(const std::string& key) {
  auto cached = replicas_by_key_.find(key);
  if (cached == replicas_by_key_.end()) {
    cached = replicas_by_key_.emplace(key, ring_.preference_list(key)).first;
  }
  return cached->second;
}

bool LeaderlessNode::shares(const std::string& key, NodeId peer) {
  const std::vector<NodeId>& replicas = replicas_of(key);
  return std::find(replicas.begin(), replicas.end(), env_.self()) != replicas.end() &&
         std::find(replicas.begin(), replicas.end(), peer) != replicas.end();
}

uint32_t LeaderlessNode::write_count() const {
  return level_count(config_.write_consistency, config_.replication_factor);
}

uint32_t LeaderlessNode::read_count() const {
  return level_count(config_.read_consistency, config_.replication_factor);
}

// A replica that lost what it acknowledged (a wiped or corrupted disk) must not come back as
// itself: its empty answers would count towards quorums and could hide an acknowledged write held
// by a minority (the same argument as protocols/raft/README.md "Disk faults"). Fail-stop; an
// operator would re-provision it as a new member (membership changes are left out).
bool LeaderlessNode::refuse_to_start() {
  std::string_view reason = common::lost_state_reason(env_, store_.has_member_marker());
  if (reason.empty()) {
    return false;
  }
  trace("refuse_start", {{"reason", reason}});
  env_.halt(reason);
  return true;
}

// Recovery rebuilds the store from what storage kept (only synced items survive a crash) and
// tells the trace exactly what this replica holds now, key by key.
void LeaderlessNode::on_start() {
  if (refuse_to_start()) {
    return;
  }
  if (!store_.has_member_marker()) {
    store_.sync_gate().save_member_marker(env_.self());
  }
  // Operation ids restart at 1; answers to an earlier incarnation's operations, still in flight
  // when it crashed, carry that incarnation's number and are ignored (the node's RNG stream goes
  // on across restarts, so two incarnations share a number with probability 2^-64). Without it
  // two stale acknowledgements acknowledged a new put that no replica held.
  incarnation_ = env_.rng().next();
  store_.load();
  trace("recover", {{"keys", static_cast<int64_t>(store_.items().size())}});
  for (const auto& [key, item] : store_.items()) {
    trace_store(key, item, "recover");
  }
  arm_anti_entropy();
}

void LeaderlessNode::on_timer(TimerId /*timer*/, uint64_t tag) {
  if (tag == anti_entropy_timer_tag) {
    send_sync_range();
    arm_anti_entropy();
    return;
  }
  FL_CHECK(tag > operation_timer_base, "unknown timer tag {}", tag);
  on_operation_timeout(tag - operation_timer_base);
}

void LeaderlessNode::on_storage_complete(StorageOpId op, StorageStatus status) {
  if (status != StorageStatus::ok) {
    // As etcd and PostgreSQL after a failed fsync: what reached the disk is unknown. Fail-stop.
    trace("halt", {{"reason", "no_space"}});
    env_.halt("no_space");
    return;
  }
  for (auto& action : store_.sync_gate().on_sync_complete(op)) {
    action();
  }
}

void LeaderlessNode::on_message(NodeId from, const MessagePtr& message) {
  switch (message->kind()) {
    case static_cast<uint32_t>(KvMessageKind::request):
      on_client_request(from, static_cast<const KvRequest&>(*message));
      return;
    case static_cast<uint32_t>(LeaderlessMessageKind::replica_write):
      on_replica_write(from, static_cast<const ReplicaWrite&>(*message));
      return;
    case static_cast<uint32_t>(LeaderlessMessageKind::replica_write_ack):
      on_write_ack(from, static_cast<const ReplicaWriteAck&>(*message));
      return;
    case static_cast<uint32_t>(LeaderlessMessageKind::replica_read):
      on_replica_read(from, static_cast<const ReplicaRead&>(*message));
      return;
    case static_cast<uint32_t>(LeaderlessMessageKind::replica_read_reply):
      on_read_reply(from, static_cast<const ReplicaReadReply&>(*message));
      return;
    case static_cast<uint32_t>(LeaderlessMessageKind::sync_range):
      on_sync_range(from, static_cast<const SyncRange&>(*message));
      return;
    case static_cast<uint32_t>(LeaderlessMessageKind::sync_range_reply):
      on_sync_range_reply(from, static_cast<const SyncRangeReply&>(*message));
      return;
    default:
      return;  // not ours (a stray client reply, another protocol's message)
  }
}

bool LeaderlessNode::install(const std::string& key, const Item& item, std::string_view source) {
  // Assert in pairs (STYLE.md 6): coordinators send a key only to its preference list.
  FL_CHECK(ring_.is_replica(key, env_.self()), "{} is not a replica of key {}", env_.self().name(),
           key);
  if (!store_.install(key, item)) {
    return false;
  }
  trace_store(key, item, source);
  return true;
}

// Install if newer; acknowledge once the held item (this one or a newer one) is durable. A
// superseded write is acknowledged too: last writer wins, the replica holds a version at least
// as new as the one asked for (Dynamo section 4.4's "syntactic reconciliation" by timestamp).
void LeaderlessNode::on_replica_write(NodeId from, const ReplicaWrite& write) {
  install(write.key, write.item, write.operation == 0 ? "repair" : "write");
  if (write.operation == 0) {
    store_.sync_gate().sync_if_dirty();  // nobody waits for a repair, but it should last
    return;
  }
  auto ack = std::make_shared<ReplicaWriteAck>();
  ack->incarnation = write.incarnation;
  ack->operation = write.operation;
  (void)store_.sync_gate().after_sync([this, from, ack] { env_.send(from, ack); });
}

void LeaderlessNode::on_replica_read(NodeId from, const ReplicaRead& read) {
  FL_CHECK(ring_.is_replica(read.key, env_.self()), "{} asked for key {} it does not replicate",
           env_.self().name(), read.key);
  auto reply = std::make_shared<ReplicaReadReply>();
  reply->incarnation = read.incarnation;
  reply->operation = read.operation;
  reply->item = store_.get(read.key);
  (void)store_.sync_gate().after_sync([this, from, reply] { env_.send(from, reply); });
}

}  // namespace faultline::replication
