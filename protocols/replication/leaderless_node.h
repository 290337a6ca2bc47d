// File: leaderless_node.h
// One node of the leaderless (Dynamo-style) replicated key-value store: DeCandia et al., "Dynamo:
// Amazon's highly available key-value store", SOSP 2007; README.md "Leaderless". Every node is a
// replica of the keys the ring gives it and a coordinator of whatever client request it receives.
// Owns the per-node invariants:
//  * a replica answers (a write acknowledgement, a read, an anti-entropy range) only once every
//    item the answer depends on is durable (persist before acknowledging; the SyncGate);
//  * a replica's item for a key only moves forward in the version order (leaderless_store.h);
//  * a coordinator answers a client ok only with W (puts, sync write-backs) or R (gets) answers
//    from the key's preference list, and `unavailable` when its timeout comes first.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "protocols/replication/leaderless_config.h"
#include "protocols/replication/leaderless_messages.h"
#include "protocols/replication/leaderless_ring.h"
#include "protocols/replication/leaderless_store.h"
#include "sim/env/kv_messages.h"
#include "sim/env/node_env.h"
#include "sim/env/protocol.h"

namespace faultline::replication {

// Timer tags: the anti-entropy tick, and one timeout per coordinated operation (base + id).
inline constexpr uint64_t anti_entropy_timer_tag = 1;
inline constexpr uint64_t operation_timer_base = uint64_t{1} << 32;

class LeaderlessNode final : public Protocol {
 public:
  // STYLE.md 7: operations this node coordinates at once; more are answered `unavailable`.
  static constexpr size_t max_pending_operations = 4096;
  // Clients whose last request this node remembers (duplicate suppression).
  static constexpr size_t max_remembered_clients = 4096;

  LeaderlessNode(NodeEnv& env, const LeaderlessConfig& config);

  void on_start() override;
  void on_message(NodeId from, const MessagePtr& message) override;
  void on_timer(TimerId timer, uint64_t tag) override;
  void on_storage_complete(StorageOpId op, StorageStatus status) override;

  // Inspection (transcripts).
  const LeaderlessStore& store() const { return store_; }
  const HashRing& ring() const { return ring_; }
  std::vector<uint64_t> pending_operation_ids() const {
    std::vector<uint64_t> ids;
    for (const auto& [id, operation] : operations_) {
      ids.push_back(id);
    }
    return ids;
  }

 private:
  // A coordinated client request. A put with timestamps quorum_read reads versions first; a get
  // reads, then (read_repair sync) writes the newest item back, or (async) keeps collecting
  // answers after replying so that it can repair stale replicas.
  enum class Stage { read_versions, write, read, write_back, repair_after_reply };
  struct Operation {
    uint64_t id = 0;
    NodeId client;
    uint64_t request_id = 0;
    KvOp op = KvOp::get;
    std::string key;
    std::string value;  // of a put
    std::vector<NodeId> replicas;
    Stage stage = Stage::read;
    std::vector<bool> answered;               // per replica, in the current stage
    std::vector<std::optional<Item>> held;    // per replica: what its read answer held
    std::vector<std::optional<Item>> repair;  // per replica: the item last sent as a repair
    uint32_t count = 0;                       // answers (reads) or acknowledgements (writes)
    std::optional<Item> newest;               // the newest item read so far
    Item written;                             // the item a write or write-back installs
    TimerId timer = 0;
    bool replied = false;
  };
  // The last request of a client this coordinator took, for duplicate suppression.
  struct ClientRecord {
    uint64_t request_id = 0;
    std::optional<KvReply> reply;  // once answered
  };

  void trace(std::string_view name, std::initializer_list<TraceField> fields);
  void trace_store(const std::string& key, const Item& item, std::string_view source);
  const std::vector<NodeId>& replicas_of(const std::string& key);
  bool shares(const std::string& key, NodeId peer);
  uint32_t write_count() const;
  uint32_t read_count() const;

  // leaderless_node.cc: lifecycle, dispatch, the replica side.
  bool refuse_to_start();
  void on_replica_write(NodeId from, const ReplicaWrite& write);
  void on_replica_read(NodeId from, const ReplicaRead& read);
  // Installs and traces; returns whether `item` was newer.
  bool install(const std::string& key, const Item& item, std::string_view source);

  // leaderless_coordinator.cc: client requests, stages, timeouts.
  void on_client_request(NodeId from, const KvRequest& request);
  void start_read(Operation& operation, Stage stage);
  void start_write(Operation& operation, Stage stage, const Item& item);
  void on_read_reply(NodeId from, const ReplicaReadReply& reply);
  void on_read_quorum(Operation& operation);
  void on_write_ack(NodeId from, const ReplicaWriteAck& ack);
  void on_operation_timeout(uint64_t id);
  Version next_version(const Operation& operation);
  void reply(Operation& operation, KvStatus status, const std::string& value);
  void repair_stale(Operation& operation);
  void finish(uint64_t id);
  std::optional<size_t> replica_index(const Operation& operation, NodeId node) const;

  // leaderless_anti_entropy.cc: periodic range exchange.
  void arm_anti_entropy();
  void send_sync_range();
  void on_sync_range(NodeId from, const SyncRange& range);
  void on_sync_range_reply(NodeId from, const SyncRangeReply& reply);

  NodeEnv& env_;
  LeaderlessConfig config_;
  LeaderlessStore store_;
  HashRing ring_;
  std::map<std::string, std::vector<NodeId>, std::less<>> replicas_by_key_;  // ring cache
  std::map<uint64_t, Operation> operations_;
  std::map<NodeId, ClientRecord> clients_;
  uint64_t incarnation_ = 0;  // random per start: answers echo it (leaderless_messages.h)
  uint64_t next_operation_ = 1;
  int64_t last_timestamp_ = 0;                 // the last put timestamp this coordinator chose
  size_t next_sync_peer_ = 0;                  // round robin over env_.peers()
  std::map<NodeId, std::string> sync_cursor_;  // where the next range with each peer starts
};

// Builds a leaderless node on `env`. on_start() recovers the store from env.storage().
std::unique_ptr<Protocol> make_leaderless(NodeEnv& env, const LeaderlessConfig& config);

}  // namespace faultline::replication
