// File: event_queue.h
// The future event list. Owns the ordering invariant of the whole simulator: events come out in
// (time, insertion seq) order, so ties are FIFO and the order is total (ns-3 EventKey).
//
// EventQueue is a radix heap (Ahuja, Mehlhorn, Orlin and Tarjan, 1990) keyed on time: 65 buckets
// by the highest bit in which an event's time differs from the last time popped. It relies on the
// simulator's monotonicity (no event is scheduled before the last popped time), costs O(log C)
// amortised moves per event where C is the spread of pending times, and moves events in
// sequential runs, which is what keeps it fast when a million events do not fit in cache.
// Equal times always share a bucket and keep their insertion order through every redistribution,
// which is what makes ties FIFO.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <vector>

#include "sim/engine/event.h"

namespace faultline {

class EventQueue {
 public:
  EventQueue() = default;

  // Adds `event`; requires event.at >= the time of the last popped event (FL_CHECK).
  void push(const Event& event);
  // Removes and returns the earliest event if its time is <= `until`; otherwise leaves the queue
  // unchanged and returns nothing.
  std::optional<Event> pop_until(Time until);
  std::optional<Event> pop() { return pop_until(Time::max()); }

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }

 private:
  static constexpr int bucket_count = 65;
  int bucket_for(int64_t at) const;
  // Moves the bucket holding the minimum down so that bucket 0 is non-empty; returns false if the
  // minimum is later than `until` (nothing changed).
  bool refill_bucket_zero(Time until);

  std::array<std::vector<Event>, bucket_count> buckets_;
  size_t bucket_zero_head_ = 0;  // bucket 0 is consumed from the front
  int64_t last_ = 0;
  size_t size_ = 0;
};

// A naive twin of EventQueue over std::multimap, for differential tests only.
class ReferenceEventQueue {
 public:
  void push(const Event& event);
  std::optional<Event> pop_until(Time until);
  bool empty() const { return events_.empty(); }
  size_t size() const { return events_.size(); }

 private:
  struct Key {
    int64_t at;
    uint64_t seq;
    friend auto operator<=>(const Key&, const Key&) = default;
  };
  std::multimap<Key, Event> events_;
};

}  // namespace faultline
