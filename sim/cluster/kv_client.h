// File: kv_client.h
// A simulated client of the replicated key-value service (sim/env/kv_messages.h). One operation
// at a time: think, invoke, send to the node it believes leads, follow not-leader hints, resend to
// the next node after request_timeout (same request id, so a put applies once), and give up after
// operation_timeout with the outcome unknown. A coordinator that answers `unavailable` ends the
// operation at once: a get failed, a put is unknown. Every operation goes into the History.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/base/history.h"
#include "sim/base/rng.h"
#include "sim/env/kv_messages.h"

namespace faultline {

class Cluster;

struct WorkloadConfig {
  uint32_t clients = 0;
  Ratio put_fraction = Ratio{1, 2};
  uint64_t rate_per_second = 100;  // over all clients
  uint32_t key_count = 16;
  Duration request_timeout = Duration::milliseconds(500);
  Duration operation_timeout = Duration::seconds(5);
};

class KvClient {
 public:
  KvClient(Cluster& cluster, NodeId id, uint32_t server_count, const WorkloadConfig& config,
           Rng rng);

  void start();
  void on_reply(const KvReply& reply);
  // Timer kinds, carried in the event payload with the attempt they belong to.
  enum class TimerKind : uint8_t { think = 0, request_timeout = 1, operation_timeout = 2 };
  void on_timer(TimerKind kind, uint32_t attempt);
  NodeId id() const { return id_; }

 private:
  void invoke();
  void send_attempt();
  void complete(HistoryOperation::Outcome outcome, const std::string& value);
  void schedule(TimerKind kind, Duration delay);
  NodeId next_server(NodeId after) const;
  Duration think_time();

  Cluster& cluster_;
  NodeId id_;
  uint32_t server_count_;
  const WorkloadConfig& config_;
  Rng rng_;
  NodeId target_;
  uint64_t next_request_id_ = 1;
  bool in_flight_ = false;
  uint32_t redirects_ = 0;  // hints followed in the current operation
  uint32_t attempt_ = 0;    // increases on every send; stale timers carry an older attempt
  uint32_t operation_ = 0;  // increases on every invoke; stale operation timeouts are ignored
  size_t history_index_ = 0;
  KvRequest request_;
};

}  // namespace faultline
