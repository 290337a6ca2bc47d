// File: event.h
// The event record the scheduler moves around: 24 bytes, trivially copyable, no allocation. An
// event names a registered handler by a 16-bit id and carries one 64-bit payload (a node index, a
// slot in a message pool, a timer id): whatever the handler's owner needs to find its data.
#pragma once

#include <cstdint>
#include <type_traits>

#include "sim/base/check.h"
#include "sim/base/time.h"

namespace faultline {

using HandlerId = uint16_t;
// The insertion sequence number of an event: unique per simulator, increasing. Used to cancel.
using EventId = uint64_t;

struct Event {
  static constexpr int handler_bits = 16;
  static constexpr uint64_t max_seq = (uint64_t{1} << (64 - handler_bits)) - 1;

  Time at;
  uint64_t seq_and_handler = 0;  // seq << 16 | handler
  uint64_t payload = 0;

  static Event make(Time at, uint64_t seq, HandlerId handler, uint64_t payload) {
    FL_CHECK(seq <= max_seq, "event sequence overflow");
    return Event{at, (seq << handler_bits) | handler, payload};
  }
  uint64_t seq() const { return seq_and_handler >> handler_bits; }
  HandlerId handler() const { return static_cast<HandlerId>(seq_and_handler & 0xffff); }
};

static_assert(sizeof(Event) == 24);
static_assert(std::is_trivially_copyable_v<Event>);

}  // namespace faultline
