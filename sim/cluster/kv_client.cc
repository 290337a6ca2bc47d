// File: kv_client.cc
#include "sim/cluster/kv_client.h"

#include <fmt/format.h>

#include "sim/cluster/cluster.h"

namespace faultline {

KvClient::KvClient(Cluster& cluster, NodeId id, uint32_t server_count, const WorkloadConfig& config,
                   Rng rng)
    : cluster_(cluster), id_(id), server_count_(server_count), config_(config), rng_(rng) {
  FL_CHECK(server_count > 0, "client without servers");
  target_ = NodeId::server(static_cast<uint32_t>(rng_.uniform(1, server_count)));
}

void KvClient::start() {
  schedule(TimerKind::think, think_time());
}

// Each client issues rate / clients operations per second on average: exponential think times
// between one completion and the next invocation.
Duration KvClient::think_time() {
  Duration mean =
      Duration{1'000'000'000LL * config_.clients / static_cast<int64_t>(config_.rate_per_second)};
  return mean.ns > 0 ? rng_.exponential(mean) : Duration{0};
}

void KvClient::schedule(TimerKind kind, Duration delay) {
  uint32_t attempt = kind == TimerKind::request_timeout ? attempt_ : operation_;
  cluster_.schedule_client_timer(id_, delay, static_cast<uint8_t>(kind), attempt);
}

NodeId KvClient::next_server(NodeId after) const {
  uint32_t number = after.is_server() ? after.number() : 0;
  return NodeId::server(number % server_count_ + 1);
}

void KvClient::on_timer(TimerKind kind, uint32_t attempt) {
  switch (kind) {
    case TimerKind::think:
      FL_CHECK(!in_flight_, "{} thinks while an operation is in flight", id_.name());
      invoke();
      return;
    case TimerKind::request_timeout:
      if (in_flight_ && attempt == attempt_) {
        target_ = next_server(target_);
        send_attempt();
      }
      return;
    case TimerKind::operation_timeout:
      if (in_flight_ && attempt == operation_) {
        complete(HistoryOperation::Outcome::unknown, "");
      }
      return;
  }
}

void KvClient::invoke() {
  bool is_put = rng_.chance(config_.put_fraction);
  uint64_t key_number = rng_.index(config_.key_count);
  request_ = KvRequest{};
  request_.request_id = next_request_id_++;
  request_.op = is_put ? KvOp::put : KvOp::get;
  request_.key = fmt::format("k{}", key_number);
  if (is_put) {
    request_.value = fmt::format("{}-{}", id_.name(), request_.request_id);
  }
  HistoryOperation operation;
  operation.client = id_;
  operation.request_id = request_.request_id;
  operation.kind = is_put ? HistoryOperation::Kind::put : HistoryOperation::Kind::get;
  operation.key = request_.key;
  operation.value = request_.value;
  operation.invoked_at = cluster_.simulator().now();
  history_index_ = cluster_.mutable_history().size();
  cluster_.mutable_history().push_back(operation);
  cluster_.record(TraceEvent{"client",
                             "invoke",
                             {{"id", static_cast<int64_t>(request_.request_id)},
                              {"op", is_put ? "put" : "get"},
                              {"key", request_.key},
                              {"value", request_.value}}}
                      .with_node(id_));
  in_flight_ = true;
  redirects_ = 0;
  ++operation_;
  schedule(TimerKind::operation_timeout, config_.operation_timeout);
  send_attempt();
}

void KvClient::send_attempt() {
  ++attempt_;
  cluster_.transmit(id_, target_, std::make_shared<KvRequest>(request_));
  schedule(TimerKind::request_timeout, config_.request_timeout);
}

void KvClient::on_reply(const KvReply& reply) {
  if (!in_flight_ || reply.request_id != request_.request_id) {
    return;  // a late reply to an earlier attempt or operation
  }
  if (reply.status == KvStatus::ok) {
    complete(HistoryOperation::Outcome::ok, reply.value);
    return;
  }
  if (reply.status == KvStatus::unavailable) {
    // A failed get read nothing; a failed put may have reached some replicas.
    complete(request_.op == KvOp::get ? HistoryOperation::Outcome::fail
                                      : HistoryOperation::Outcome::unknown,
             "");
    return;
  }
  // not_leader: follow a hint at once (a bounded number of times per operation, so two nodes
  // that name each other cannot ping-pong the request); otherwise back off, then try the next
  // server. Either way the running request timeout no longer applies.
  bool has_hint = reply.leader_hint.is_server() && reply.leader_hint.number() <= server_count_ &&
                  reply.leader_hint != target_;
  if (has_hint && redirects_ < server_count_) {
    ++redirects_;
    target_ = reply.leader_hint;
    send_attempt();
    return;
  }
  ++attempt_;
  schedule(TimerKind::request_timeout, config_.request_timeout / 10);
}

void KvClient::complete(HistoryOperation::Outcome outcome, const std::string& value) {
  HistoryOperation& operation = cluster_.mutable_history()[history_index_];
  operation.outcome = outcome;
  operation.completed_at = cluster_.simulator().now();
  if (outcome == HistoryOperation::Outcome::ok && operation.kind == HistoryOperation::Kind::get) {
    operation.value = value;
  }
  bool is_ok = outcome == HistoryOperation::Outcome::ok;
  std::string_view event_name = is_ok                                        ? "ok"
                                : outcome == HistoryOperation::Outcome::fail ? "fail"
                                                                             : "unknown";
  cluster_.record(TraceEvent{
      "client",
      event_name,
      {{"id", static_cast<int64_t>(request_.request_id)},
       {"latency_ns", (operation.completed_at - operation.invoked_at).ns},
       {"value", is_ok && operation.kind == HistoryOperation::Kind::get ? std::string_view(value)
                                                                        : std::string_view("")}}}
                      .with_node(id_));
  in_flight_ = false;
  ++attempt_;  // voids the pending request timeout
  schedule(TimerKind::think, think_time());
}

}  // namespace faultline
