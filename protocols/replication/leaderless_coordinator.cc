// File: leaderless_coordinator.cc
// The coordinator side of the leaderless store (Dynamo section 4.5, "Execution of get() and
// put() operations"): any node that receives a client request sends it to the key's preference
// list and answers after W write acknowledgements or R read answers, or `unavailable` after
// coordinator_timeout. A get returns the newest item among the answers (last writer wins) and
// repairs stale replicas (section 5: read repair), before (sync) or after (async) answering.
#include <algorithm>

#include <fmt/format.h>

#include "protocols/replication/leaderless_node.h"
#include "sim/base/check.h"

namespace faultline::replication {

std::optional<size_t> LeaderlessNode::replica_index(const Operation& operation, NodeId node) const {
  auto found = std::find(operation.replicas.begin(), operation.replicas.end(), node);
  if (found == operation.replicas.end()) {
    return std::nullopt;
  }
  return static_cast<size_t>(found - operation.replicas.begin());
}

void LeaderlessNode::on_client_request(NodeId from, const KvRequest& request) {
  auto record = clients_.find(from);
  if (record != clients_.end()) {
    if (request.request_id < record->second.request_id) {
      return;  // an older request of this client, duplicated or delayed by the network
    }
    if (request.request_id == record->second.request_id) {
      // A duplicate (or a retry after the client timed out on us): answer again if we already
      // did; otherwise the operation is still running and will answer.
      if (record->second.reply) {
        env_.send(from, std::make_shared<KvReply>(*record->second.reply));
      }
      return;
    }
  }
  if (operations_.size() >= max_pending_operations) {
    auto busy = std::make_shared<KvReply>();
    busy->request_id = request.request_id;
    busy->status = KvStatus::unavailable;
    env_.send(from, busy);
    return;
  }
  if (record != clients_.end() || clients_.size() < max_remembered_clients) {
    clients_[from] = ClientRecord{request.request_id, std::nullopt};
  }
  uint64_t id = next_operation_++;
  Operation& operation = operations_[id];
  operation.id = id;
  operation.client = from;
  operation.request_id = request.request_id;
  operation.op = request.op;
  operation.key = request.key;
  operation.value = request.value;
  operation.replicas = replicas_of(request.key);
  operation.timer = env_.set_timer(config_.coordinator_timeout, operation_timer_base + id);
  if (request.op == KvOp::get) {
    start_read(operation, Stage::read);
  } else if (config_.timestamps == LeaderlessConfig::Timestamps::quorum_read) {
    start_read(operation, Stage::read_versions);
  } else {
    start_write(operation, Stage::write, Item{next_version(operation), request.value});
  }
}

// clock: the local clock, strictly increasing per coordinator incarnation (two puts in one
// nanosecond still get different versions). quorum_read: one above the highest timestamp R
// replicas hold, and above anything this coordinator chose before (Lynch and Shvartsman 1997:
// the writer's tag is (max + 1, writer id)).
Version LeaderlessNode::next_version(const Operation& operation) {
  int64_t base = config_.timestamps == LeaderlessConfig::Timestamps::clock
                     ? env_.now().ns
                     : (operation.newest ? operation.newest->version.timestamp + 1 : 1);
  last_timestamp_ = std::max(base, last_timestamp_ + 1);
  return Version{last_timestamp_, env_.self().number()};
}

void LeaderlessNode::start_read(Operation& operation, Stage stage) {
  operation.stage = stage;
  operation.count = 0;
  operation.answered.assign(operation.replicas.size(), false);
  operation.held.assign(operation.replicas.size(), std::nullopt);
  operation.repair.assign(operation.replicas.size(), std::nullopt);
  for (NodeId replica : operation.replicas) {
    auto read = std::make_shared<ReplicaRead>();
    read->incarnation = incarnation_;
    read->operation = operation.id;
    read->key = operation.key;
    env_.send(replica, read);
  }
}

// Sends `item` to every replica not yet known to hold it (a write-back skips the replicas whose
// read answer already was the newest item: they count as acknowledged).
void LeaderlessNode::start_write(Operation& operation, Stage stage, const Item& item) {
  std::vector<bool> holds(operation.replicas.size(), false);
  if (stage == Stage::write_back) {
    for (size_t index = 0; index < operation.replicas.size(); ++index) {
      holds[index] = operation.answered[index] && operation.held[index] == item;
    }
  }
  operation.stage = stage;
  operation.written = item;
  operation.answered = holds;
  operation.count = static_cast<uint32_t>(std::count(holds.begin(), holds.end(), true));
  if (operation.count >= write_count()) {
    reply(operation, KvStatus::ok, item.value);
    finish(operation.id);
    return;
  }
  for (size_t index = 0; index < operation.replicas.size(); ++index) {
    if (holds[index]) {
      continue;
    }
    auto write = std::make_shared<ReplicaWrite>();
    write->incarnation = incarnation_;
    write->operation = operation.id;
    write->key = operation.key;
    write->item = item;
    env_.send(operation.replicas[index], write);
  }
}

void LeaderlessNode::on_read_reply(NodeId from, const ReplicaReadReply& answer) {
  auto found = operations_.find(answer.operation);
  if (answer.incarnation != incarnation_ || found == operations_.end()) {
    return;  // the operation ended (answered, or timed out)
  }
  Operation& operation = found->second;
  std::optional<size_t> index = replica_index(operation, from);
  bool reading = operation.stage == Stage::read || operation.stage == Stage::read_versions ||
                 operation.stage == Stage::repair_after_reply;
  if (!reading || !index || operation.answered[*index]) {
    return;  // a write stage now, or a duplicate
  }
  operation.answered[*index] = true;
  operation.held[*index] = answer.item;
  ++operation.count;
  if (answer.item && is_newer(*answer.item, operation.newest)) {
    operation.newest = answer.item;
  }
  if (operation.stage == Stage::repair_after_reply) {
    repair_stale(operation);
    if (operation.count == operation.replicas.size()) {
      finish(operation.id);
    }
    return;
  }
  if (operation.count == read_count()) {
    on_read_quorum(operation);
  }
}

void LeaderlessNode::on_read_quorum(Operation& operation) {
  if (operation.stage == Stage::read_versions) {
    start_write(operation, Stage::write, Item{next_version(operation), operation.value});
    return;
  }
  std::string value = operation.newest ? operation.newest->value : std::string();
  switch (config_.read_repair) {
    case LeaderlessConfig::ReadRepair::none:
      reply(operation, KvStatus::ok, value);
      finish(operation.id);
      return;
    case LeaderlessConfig::ReadRepair::async:
      reply(operation, KvStatus::ok, value);
      operation.stage = Stage::repair_after_reply;
      repair_stale(operation);
      if (operation.count == operation.replicas.size()) {
        finish(operation.id);
      }
      return;
    case LeaderlessConfig::ReadRepair::sync:
      if (!operation.newest) {
        // Nothing was ever written that R replicas know of: the initial value, nothing to write
        // back (a write the read missed is concurrent with it or was never acknowledged).
        reply(operation, KvStatus::ok, value);
        finish(operation.id);
        return;
      }
      start_write(operation, Stage::write_back, *operation.newest);
      return;
  }
}

// Async read repair: every replica whose answer is older than the newest item gets it, once per
// newest item (a newer answer arriving later repairs the earlier answerers again).
void LeaderlessNode::repair_stale(Operation& operation) {
  if (!operation.newest) {
    return;
  }
  for (size_t index = 0; index < operation.replicas.size(); ++index) {
    bool stale = operation.answered[index] && operation.held[index] != operation.newest;
    if (!stale || operation.repair[index] == operation.newest) {
      continue;
    }
    operation.repair[index] = operation.newest;
    auto write = std::make_shared<ReplicaWrite>();
    write->key = operation.key;
    write->item = *operation.newest;
    env_.send(operation.replicas[index], write);
    std::string replica = operation.replicas[index].name();
    trace("read_repair", {{"key", operation.key},
                          {"target", replica},
                          {"ts", operation.newest->version.timestamp},
                          {"writer", static_cast<int64_t>(operation.newest->version.writer)}});
  }
}

void LeaderlessNode::on_write_ack(NodeId from, const ReplicaWriteAck& ack) {
  auto found = operations_.find(ack.operation);
  if (ack.incarnation != incarnation_ || found == operations_.end()) {
    return;
  }
  Operation& operation = found->second;
  std::optional<size_t> index = replica_index(operation, from);
  bool writing = operation.stage == Stage::write || operation.stage == Stage::write_back;
  if (!writing || !index || operation.answered[*index]) {
    return;
  }
  operation.answered[*index] = true;
  if (++operation.count == write_count()) {
    reply(operation, KvStatus::ok,
          operation.stage == Stage::write_back ? operation.written.value : std::string());
    finish(operation.id);
  }
}

void LeaderlessNode::on_operation_timeout(uint64_t id) {
  auto found = operations_.find(id);
  if (found == operations_.end()) {
    return;
  }
  Operation& operation = found->second;
  if (!operation.replied) {
    trace("unavailable", {{"key", operation.key},
                          {"op", operation.op == KvOp::put ? "put" : "get"},
                          {"answers", static_cast<int64_t>(operation.count)}});
    reply(operation, KvStatus::unavailable, "");
  }
  operations_.erase(found);
}

void LeaderlessNode::reply(Operation& operation, KvStatus status, const std::string& value) {
  FL_CHECK(!operation.replied, "operation {} answered twice", operation.id);
  operation.replied = true;
  auto answer = std::make_shared<KvReply>();
  answer->request_id = operation.request_id;
  answer->status = status;
  answer->value = operation.op == KvOp::get ? value : std::string();
  auto record = clients_.find(operation.client);
  if (record != clients_.end() && record->second.request_id == operation.request_id) {
    record->second.reply = *answer;
  }
  env_.send(operation.client, answer);
}

void LeaderlessNode::finish(uint64_t id) {
  auto found = operations_.find(id);
  FL_CHECK(found != operations_.end(), "finishing unknown operation {}", id);
  env_.cancel_timer(found->second.timer);
  operations_.erase(found);
}

}  // namespace faultline::replication
