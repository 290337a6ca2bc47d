// File: node_env.h
// The only API a protocol sees (DESIGN.md "Node"). Everything a protocol knows about the world,
// time, randomness and durability comes through here, so the same protocol code can run over a
// socket-backed NodeEnv. No scheduler, no global clock, no other node's memory.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>

#include "sim/base/node_id.h"
#include "sim/base/rng.h"
#include "sim/base/time.h"
#include "sim/base/trace.h"
#include "sim/env/message.h"
#include "sim/env/storage.h"

namespace faultline {

using TimerId = uint64_t;

class NodeEnv {
 public:
  virtual ~NodeEnv() = default;

  virtual NodeId self() const = 0;
  // Every server of the cluster other than self(), in increasing id order.
  virtual std::span<const NodeId> peers() const = 0;
  // The node's local clock (ns); may be offset from and drift against global time.
  virtual Time now() const = 0;
  // Sends `message` to `target` (a server or a client). Fire and forget: the network may delay,
  // drop or duplicate it; sending to self is allowed.
  virtual void send(NodeId target, MessagePtr message) = 0;
  // Arms a one-shot timer that fires after `delay` of local time; on_timer(id, tag) follows.
  virtual TimerId set_timer(Duration delay, uint64_t tag) = 0;
  // Cancels a timer; a no-op if it already fired or was cancelled.
  virtual void cancel_timer(TimerId timer) = 0;
  virtual Storage& storage() = 0;
  // This node's own random stream (derived from the seed and the node id).
  virtual Rng& rng() = 0;
  // Publishes a typed event to the trace (and so to the checkers). Time and node are filled in.
  virtual void trace(TraceEvent event) = 0;
};

}  // namespace faultline
