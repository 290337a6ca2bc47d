// File: event_queue.cc
// Radix-heap event queue and its naive reference twin.
#include "sim/engine/event_queue.h"

#include <algorithm>
#include <bit>

namespace faultline {

int EventQueue::bucket_for(int64_t at) const {
  uint64_t difference = static_cast<uint64_t>(at) ^ static_cast<uint64_t>(last_);
  return difference == 0 ? 0 : 64 - std::countl_zero(difference);
}

void EventQueue::push(const Event& event) {
  FL_CHECK(event.at.ns >= last_, "event scheduled in the past: at={} last popped={}", event.at.ns,
           last_);
  buckets_[bucket_for(event.at.ns)].push_back(event);
  ++size_;
}

bool EventQueue::refill_bucket_zero(Time until) {
  int source = 1;
  while (source < bucket_count && buckets_[source].empty()) {
    ++source;
  }
  FL_CHECK(source < bucket_count, "queue of size {} has no non-empty bucket", size_);
  std::vector<Event>& from = buckets_[source];
  int64_t minimum = from.front().at.ns;
  for (const Event& event : from) {
    minimum = std::min(minimum, event.at.ns);
  }
  if (minimum > until.ns) {
    return false;
  }
  last_ = minimum;
  // Every event of `from` lands in a lower bucket, in its current order: equal times stay in
  // insertion order.
  for (const Event& event : from) {
    int target = bucket_for(event.at.ns);
    FL_CHECK(target < source, "radix heap invariant: {} >= {}", target, source);
    buckets_[target].push_back(event);
  }
  from.clear();
  return true;
}

std::optional<Event> EventQueue::pop_until(Time until) {
  if (size_ == 0) {
    return std::nullopt;
  }
  std::vector<Event>& zero = buckets_[0];
  if (bucket_zero_head_ == zero.size()) {
    zero.clear();
    bucket_zero_head_ = 0;
    if (!refill_bucket_zero(until)) {
      return std::nullopt;
    }
  } else if (last_ > until.ns) {
    return std::nullopt;
  }
  Event event = zero[bucket_zero_head_++];
  --size_;
  return event;
}

void ReferenceEventQueue::push(const Event& event) {
  events_.emplace(Key{event.at.ns, event.seq()}, event);
}

std::optional<Event> ReferenceEventQueue::pop_until(Time until) {
  if (events_.empty() || events_.begin()->first.at > until.ns) {
    return std::nullopt;
  }
  Event event = events_.begin()->second;
  events_.erase(events_.begin());
  return event;
}

}  // namespace faultline
