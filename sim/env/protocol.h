// File: protocol.h
// A protocol instance on one node: a state machine driven by its inputs (start, messages, timers,
// storage completions). Crash destroys the object; restart builds a new one that recovers from
// env.storage() in on_start().
#pragma once

#include <cstdint>
#include <memory>

#include "sim/base/node_id.h"
#include "sim/env/message.h"
#include "sim/env/node_env.h"

namespace faultline {

class Protocol {
 public:
  virtual ~Protocol() = default;
  // Called once when the node boots (first start or restart); durable state is in storage().
  virtual void on_start() = 0;
  virtual void on_message(NodeId from, const MessagePtr& message) = 0;
  virtual void on_timer(TimerId timer, uint64_t tag) = 0;
  // Sync `op` ended: ok (every write issued before it is durable) or no_space (none of them were
  // made durable by it).
  virtual void on_storage_complete(StorageOpId op, StorageStatus status) = 0;
};

}  // namespace faultline
