// File: heartbeat_messages.h
// The one message of the heartbeat protocol. A heartbeat carries the sender's incarnation (drawn
// at each boot, so a monitor can tell a restarted peer from a late one) and a sequence number
// within that incarnation (so duplicated and reordered copies are not counted as new arrivals:
// Hayashibara et al. 2004 section 3.1, heartbeats are numbered). Immutable once sent.
#pragma once

#include <cstdint>
#include <string_view>

#include "sim/env/message.h"

namespace faultline::heartbeat {

// Protocol-private kinds start at 100 (kv_messages.h reserves the lower ones); 300.. here.
enum class HeartbeatMessageKind : uint32_t {
  heartbeat = 300,
};

struct Heartbeat final : Message {
  uint64_t incarnation = 0;  // random per boot of the sender
  uint64_t sequence = 0;     // 1, 2, ... within the incarnation

  std::string_view type_name() const override { return "Heartbeat"; }
  uint64_t size_bytes() const override { return 32; }
  uint32_t kind() const override { return static_cast<uint32_t>(HeartbeatMessageKind::heartbeat); }
};

}  // namespace faultline::heartbeat
