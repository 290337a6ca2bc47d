// File: event_queue_test.cc
// The radix-heap queue against its naive std::multimap twin under the same random operations:
// the pop order must be identical, (time, insertion seq), FIFO among ties.
#include <catch2/catch.hpp>

#include "sim/base/rng.h"
#include "sim/engine/event_queue.h"

using namespace faultline;

namespace {

// Runs `operations` random pushes and pops (times >= the last pop, with many ties and a wide
// spread of gaps) on both queues and compares every popped event.
void run_differential(uint64_t seed, int operations) {
  Rng rng = RngStreams(seed).derive("queue-test");
  EventQueue fast;
  ReferenceEventQueue reference;
  uint64_t seq = 0;
  int64_t last_popped = 0;
  for (int i = 0; i < operations; ++i) {
    uint64_t choice = rng.uniform(0, 99);
    if (choice < 55) {
      // Gap: 0 (a tie with now) a third of the time, else up to 2^k ns for a random k.
      int64_t gap =
          rng.chance(Ratio{1, 3}) ? 0 : rng.uniform_signed(0, int64_t{1} << rng.uniform(0, 40));
      Event event =
          Event::make(Time{last_popped + gap}, seq, static_cast<HandlerId>(seq % 7), rng.next());
      ++seq;
      fast.push(event);
      reference.push(event);
    } else {
      Time until =
          rng.chance(Ratio{1, 5}) ? Time{last_popped + rng.uniform_signed(0, 1000)} : Time::max();
      std::optional<Event> a = fast.pop_until(until);
      std::optional<Event> b = reference.pop_until(until);
      REQUIRE(a.has_value() == b.has_value());
      if (a) {
        REQUIRE(a->at == b->at);
        REQUIRE(a->seq() == b->seq());
        REQUIRE(a->payload == b->payload);
        REQUIRE(a->handler() == b->handler());
        last_popped = a->at.ns;
      }
    }
    REQUIRE(fast.size() == reference.size());
  }
  while (!reference.empty()) {
    std::optional<Event> a = fast.pop();
    std::optional<Event> b = reference.pop_until(Time::max());
    REQUIRE(a);
    REQUIRE(a->seq() == b->seq());
  }
  REQUIRE(fast.empty());
}

}  // namespace

TEST_CASE("radix queue pops in the same order as the naive multimap queue", "[engine]") {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    INFO("seed " << seed);
    run_differential(seed, 20'000);
  }
}

TEST_CASE("ties pop in insertion order", "[engine]") {
  EventQueue queue;
  for (uint64_t seq = 0; seq < 100; ++seq) {
    queue.push(Event::make(Time{seq % 2 == 0 ? 5 : 3}, seq, 0, seq));
  }
  std::vector<uint64_t> order;
  while (auto event = queue.pop()) {
    order.push_back(event->payload);
  }
  REQUIRE(order.size() == 100);
  for (size_t i = 0; i < 50; ++i) {
    CHECK(order[i] == 2 * i + 1);   // time 3 first, in insertion order
    CHECK(order[50 + i] == 2 * i);  // then time 5, in insertion order
  }
}

TEST_CASE("pop_until leaves later events in place", "[engine]") {
  EventQueue queue;
  queue.push(Event::make(Time{100}, 0, 0, 1));
  queue.push(Event::make(Time{50}, 1, 0, 2));
  CHECK_FALSE(queue.pop_until(Time{49}).has_value());
  CHECK(queue.size() == 2);
  CHECK(queue.pop_until(Time{50})->payload == 2);
  CHECK_FALSE(queue.pop_until(Time{99}).has_value());
  queue.push(Event::make(Time{60}, 2, 0, 3));  // still legal: after the last pop (50)
  CHECK(queue.pop()->payload == 3);
  CHECK(queue.pop()->payload == 1);
  CHECK(queue.empty());
}
