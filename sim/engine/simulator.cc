// File: simulator.cc
// The run loop: pop in (time, seq) order, skip cancelled events, dispatch to handlers.
#include "sim/engine/simulator.h"

namespace faultline {

Simulator::Simulator() {
  callback_handler_ = add_handler(&Simulator::run_callback, this);
}

HandlerId Simulator::add_handler(Handler handler, void* context) {
  FL_CHECK(handler != nullptr, "null handler");
  FL_CHECK(handlers_.size() < 0x10000, "too many handlers");
  handlers_.push_back(Registration{handler, context});
  return static_cast<HandlerId>(handlers_.size() - 1);
}

EventId Simulator::schedule_at(Time at, HandlerId handler, uint64_t payload) {
  FL_CHECK(at >= now_, "schedule_at({}) before now ({})", at.ns, now_.ns);
  FL_CHECK(handler < handlers_.size(), "unknown handler {}", handler);
  EventId id = next_seq_++;
  queue_.push(Event::make(at, id, handler, payload));
  return id;
}

EventId Simulator::schedule_callback_at(Time at, std::function<void()> callback) {
  uint64_t slot = 0;
  if (free_callback_slots_.empty()) {
    slot = callbacks_.size();
    callbacks_.push_back(std::move(callback));
  } else {
    slot = free_callback_slots_.back();
    free_callback_slots_.pop_back();
    callbacks_[slot] = std::move(callback);
  }
  return schedule_at(at, callback_handler_, slot);
}

void Simulator::run_callback(void* context, uint64_t slot) {
  auto* simulator = static_cast<Simulator*>(context);
  // Move out first: the callback may schedule more callbacks and grow the vector.
  std::function<void()> callback = std::move(simulator->callbacks_[slot]);
  simulator->callbacks_[slot] = nullptr;
  simulator->free_callback_slots_.push_back(slot);
  callback();
}

void Simulator::cancel(EventId event) {
  if (event < next_seq_) {
    cancelled_.insert(event);
  }
}

Simulator::RunResult Simulator::run_until(Time until, uint64_t event_budget) {
  FL_CHECK(until >= now_, "run_until({}) before now ({})", until.ns, now_.ns);
  stop_requested_ = false;
  uint64_t budget_left = event_budget;
  while (true) {
    if (budget_left == 0) {
      return RunResult::budget_exhausted;
    }
    std::optional<Event> event = queue_.pop_until(until);
    if (!event) {
      break;
    }
    FL_CHECK(event->at >= now_, "time went backwards: {} < {}", event->at.ns, now_.ns);
    now_ = event->at;
    if (!cancelled_.empty() && cancelled_.erase(event->seq()) > 0) {
      continue;
    }
    --budget_left;
    ++events_processed_;
    const Registration& registration = handlers_[event->handler()];
    registration.handler(registration.context, event->payload);
    if (stop_requested_) {
      return RunResult::stopped;
    }
  }
  now_ = until;
  return RunResult::reached_time;
}

}  // namespace faultline
