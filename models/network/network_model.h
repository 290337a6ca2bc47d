// File: network_model.h
// The network as a policy (DESIGN.md "Network"): given a message about to be sent, decide whether
// it is lost, cut off, or dropped at a full link queue, how long it takes, whether it is
// duplicated or reordered. It schedules nothing; sim/cluster turns decisions into delivery events.
// It owns the network's state: which servers reach which (Reachability), the active clogs, and per
// directed server->server link the FIFO of bytes not yet transmitted.
//
// Per message on a server->server path: delay = clog hold + queueing + serialization
// (ceil(bytes * 1e9 / bottleneck bytes/s) ns) + propagation (topology) + the latency draw
// [+ reorder extra]. Clients are outside the topology: a path with a client end gets the latency
// draw, loss, duplicate and reorder only (no bandwidth, partitions or clogs).
//
// Draw order on a path's stream (kept so that a config without duplicate/reorder draws exactly
// what version 1 drew): loss (only if its probability is nonzero), latency, duplicate (if
// nonzero) and the copy's latency, reorder (if nonzero) and its extra delay.
#pragma once

#include <cstdint>
#include <vector>

#include "models/network/network_config.h"
#include "models/network/reachability.h"
#include "sim/base/node_id.h"
#include "sim/base/ratio.h"
#include "sim/base/rng.h"
#include "sim/base/time.h"

namespace faultline {

struct LinkDecision {
  enum class Outcome { deliver, lost, partitioned, queue_full };
  Outcome outcome = Outcome::deliver;
  // deliver: from the send to the arrival, everything included (hold, queueing, serialization,
  // propagation, latency draw, reorder extra).
  Duration delay = Duration{0};
  // Part of `delay`: the reorder extra, 0 when the message was not reordered.
  Duration reorder_extra = Duration{0};
  // Part of `delay`: waiting in the link's FIFO plus serialization at its bandwidth, from the
  // (clog) release to the last byte on the wire; 0 on links without a bandwidth limit.
  Duration transmission = Duration{0};
  // A clog held the message until this time (its transmission starts no earlier); Time::zero()
  // when it was not held.
  Time held_until = Time::zero();
  // The network delivers a second copy `duplicate_delay` after the send.
  bool duplicated = false;
  Duration duplicate_delay = Duration{0};

  bool delivered() const { return outcome == Outcome::deliver; }
  bool held() const { return held_until != Time::zero(); }
};

// ceil(bytes * 1e9 / bandwidth) ns; 0 for unlimited bandwidth. Exact (128-bit intermediate).
Duration serialization_delay(uint64_t bytes, uint64_t bandwidth_bytes_per_second);

class NetworkModel {
 public:
  // Errors (FL_CHECK): a probability above 1, a nonpositive reorder window or queue capacity, a
  // bad topology, an override naming a client or an unknown server.
  explicit NetworkModel(NetworkConfig config);

  // Replaces which servers reach which. Messages already in flight are judged at arrival by the
  // caller through can_reach.
  void set_reachability(Reachability reachability);
  const Reachability& reachability() const { return reachability_; }
  // Splits the servers into the given groups (each a list of servers; every server in at most one
  // group; servers in no group form one more group together). Replaces any earlier partition.
  void partition(const std::vector<std::vector<NodeId>>& groups);
  // Holds server->server messages from any of `from` to any of `to` (an empty list means every
  // server) sent before `until` until then. Clogs add up: a path under two clogs is held until
  // the later end. Expired clogs are forgotten lazily.
  void clog(const std::vector<NodeId>& from, const std::vector<NodeId>& to, Time until);
  // Reconnects every server and ends every clog. Messages already held keep their decided delay.
  void heal();
  // Whether a message from `source` can currently reach `target` (clients always can).
  bool can_reach(NodeId source, NodeId target) const;
  // When a message sent now on source -> target would be released by the clogs; `now` if none.
  Time clog_release(NodeId source, NodeId target, Time now) const;

  // Decides the fate of one message of `bytes` bytes sent at `now` on the path source -> target,
  // drawing from `path_rng` (the stream of that directed path). Updates the link's queue.
  // Allocation-free except when a link's queue grows past its previous high-water mark.
  LinkDecision decide(NodeId source, NodeId target, uint64_t bytes, Time now, Rng& path_rng);

  // The path's static properties after topology, network.bandwidth and overrides (servers only).
  Duration propagation(NodeId source, NodeId target) const;
  uint64_t bandwidth(NodeId source, NodeId target) const;
  // Bytes of messages on the directed server link whose transmission has not finished at `now`.
  uint64_t queued_bytes(NodeId source, NodeId target, Time now) const;

  const NetworkConfig& config() const { return config_; }

 private:
  // A server pair's static properties.
  struct Path {
    LatencyDistribution latency;
    Duration propagation = Duration{0};
    uint64_t bandwidth_bytes_per_second = unlimited_bandwidth;
    Ratio loss = Ratio::zero();
  };
  struct QueuedMessage {
    Time finish;
    uint64_t bytes = 0;
  };
  // A directed link's FIFO: messages whose last byte is not yet on the wire, as a ring buffer.
  struct LinkQueue {
    Time busy_until = Time::zero();
    uint64_t queued_bytes = 0;
    std::vector<QueuedMessage> ring;
    size_t head = 0;
    size_t count = 0;
  };
  struct Clog {
    uint64_t from_servers = 0;  // bit (n - 1) for server n
    uint64_t to_servers = 0;
    Time until;
  };

  size_t path_index(NodeId source, NodeId target) const;
  void apply_override(const LinkOverride& link);
  // Serialization on the link: returns when the last byte leaves, or Time::max() if the message
  // does not fit the queue.
  Time enqueue(LinkQueue& link, uint64_t bytes, uint64_t bandwidth, Time release, Time now);
  // The latency draw, duplicate and reorder, common to every path.
  void draw_delays(LinkDecision& decision, const LatencyDistribution& latency, Duration base,
                   Rng& path_rng) const;
  uint64_t server_mask(const std::vector<NodeId>& servers) const;

  NetworkConfig config_;
  Reachability reachability_;
  bool reachability_full_ = true;  // reachability_.is_full(), cached for the per-message path
  std::vector<Path> paths_;        // index path_index(source, target)
  std::vector<LinkQueue> links_;
  std::vector<Clog> clogs_;
};

}  // namespace faultline
