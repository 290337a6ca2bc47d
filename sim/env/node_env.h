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

// How a node was started: the operator's choice, like etcd's --initial-cluster-state.
//   bootstrap: the first start of a member of a new cluster (`new`): empty storage is expected.
//   rejoin: a restart of an existing member (`existing`): its storage must hold what it promised.
// The simulator boots a server with bootstrap until its first sync has completed (provisioning is
// finished once the member's storage holds something durable: a crash before that leaves a disk
// that never promised anything, which the operator simply provisions again) and with rejoin on
// every restart after that, a wiped disk included.
enum class BootMode { bootstrap, rejoin };

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
  // How this boot was started (see BootMode); constant for the life of the protocol object.
  virtual BootMode boot_mode() const = 0;
  // Fail-stop, as a process exit: the node crashes right after the current handler returns (the
  // protocol object is not destroyed while it runs). The protocol should return at once; messages
  // it sends after halt() are discarded and its unsynced writes are lost as in a crash.
  // `reason` is a short word for the trace ("no_space", "wiped").
  virtual void halt(std::string_view reason) = 0;
};

}  // namespace faultline
