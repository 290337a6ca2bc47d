// File: simulator.h
// The single-threaded discrete-event scheduler (DESIGN.md "Core decisions"). It owns simulated
// time and the event queue and nothing else: no nodes, no network, no faults. Invariants: time
// never goes backwards; events run in (time, insertion seq) order; a cancelled event never runs;
// every run is bounded by an event budget.
#pragma once

#include <cstdint>
#include <functional>
#include <unordered_set>
#include <vector>

#include "sim/engine/event.h"
#include "sim/engine/event_queue.h"

namespace faultline {

class Simulator {
 public:
  // A handler gets the context it was registered with and the event's payload. Plain function
  // pointers keep the hot path free of allocation and indirection through std::function.
  using Handler = void (*)(void* context, uint64_t payload);

  enum class RunResult {
    reached_time,      // every event with time <= until ran; now() == until
    budget_exhausted,  // the event budget ran out first
    stopped,           // stop() was called by a handler
  };

  Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Registers a handler; at most 65536 per simulator.
  HandlerId add_handler(Handler handler, void* context);

  // Schedules an event at absolute time `at` (>= now()). Returns its id for cancel().
  EventId schedule_at(Time at, HandlerId handler, uint64_t payload);
  EventId schedule_after(Duration delay, HandlerId handler, uint64_t payload) {
    FL_CHECK(delay.ns >= 0, "negative delay {}", delay.ns);
    return schedule_at(now_ + delay, handler, payload);
  }
  // Schedules a one-off callback (allocates: for rare events such as faults and phase ends, not
  // for the per-message path).
  EventId schedule_callback_at(Time at, std::function<void()> callback);

  // Cancels a pending event; a no-op if it already ran. Lazy: it is skipped when popped.
  void cancel(EventId event);

  // Runs events in order until the next one is later than `until`, the budget (events run by this
  // call) is spent, or stop() is called.
  RunResult run_until(Time until, uint64_t event_budget);
  // Makes the current run_until return after the running event.
  void stop() { stop_requested_ = true; }

  Time now() const { return now_; }
  // For FL_CHECK diagnostics only (CheckContext): the address of the clock.
  const int64_t* now_ns_address() const { return &now_.ns; }
  uint64_t events_processed() const { return events_processed_; }
  size_t pending() const { return queue_.size(); }

 private:
  struct Registration {
    Handler handler;
    void* context;
  };
  static void run_callback(void* context, uint64_t slot);

  EventQueue queue_;
  std::vector<Registration> handlers_;
  // Membership only, never iterated: the order of an unordered_set cannot reach behaviour here.
  std::unordered_set<EventId> cancelled_;
  std::vector<std::function<void()>> callbacks_;
  std::vector<uint64_t> free_callback_slots_;
  HandlerId callback_handler_ = 0;
  Time now_ = Time::zero();
  uint64_t next_seq_ = 0;
  uint64_t events_processed_ = 0;
  bool stop_requested_ = false;
};

}  // namespace faultline
