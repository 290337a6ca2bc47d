// File: simulator_test.cc
// The run loop: order, cancel, run_until, budgets, stop, callbacks.
#include <catch2/catch.hpp>
#include <vector>

#include "sim/engine/simulator.h"

using namespace faultline;

namespace {

struct Recorder {
  Simulator* simulator = nullptr;
  std::vector<std::pair<int64_t, uint64_t>> seen;  // (time, payload)
  static void handle(void* context, uint64_t payload) {
    auto* recorder = static_cast<Recorder*>(context);
    recorder->seen.emplace_back(recorder->simulator->now().ns, payload);
  }
};

}  // namespace

TEST_CASE("events run in (time, seq) order and cancelled ones never run", "[engine]") {
  Simulator simulator;
  Recorder recorder{&simulator, {}};
  HandlerId handler = simulator.add_handler(&Recorder::handle, &recorder);
  simulator.schedule_at(Time{30}, handler, 1);
  EventId cancelled = simulator.schedule_at(Time{10}, handler, 2);
  simulator.schedule_at(Time{10}, handler, 3);
  simulator.schedule_at(Time{20}, handler, 4);
  simulator.schedule_at(Time{10}, handler, 5);
  simulator.cancel(cancelled);
  CHECK(simulator.run_until(Time{100}, 1000) == Simulator::RunResult::reached_time);
  std::vector<std::pair<int64_t, uint64_t>> expected{{10, 3}, {10, 5}, {20, 4}, {30, 1}};
  CHECK(recorder.seen == expected);
  CHECK(simulator.now().ns == 100);
  CHECK(simulator.events_processed() == 4);
}

TEST_CASE("run_until stops at the horizon and resumes later", "[engine]") {
  Simulator simulator;
  Recorder recorder{&simulator, {}};
  HandlerId handler = simulator.add_handler(&Recorder::handle, &recorder);
  simulator.schedule_at(Time{10}, handler, 1);
  simulator.schedule_at(Time{20}, handler, 2);
  simulator.schedule_at(Time{21}, handler, 3);
  simulator.run_until(Time{20}, 1000);
  CHECK(recorder.seen.size() == 2);  // an event exactly at the horizon runs
  CHECK(simulator.now().ns == 20);
  simulator.schedule_after(Duration{0}, handler, 4);
  simulator.run_until(Time{50}, 1000);
  std::vector<std::pair<int64_t, uint64_t>> expected{{10, 1}, {20, 2}, {20, 4}, {21, 3}};
  CHECK(recorder.seen == expected);
}

TEST_CASE("an event budget bounds a run that never ends", "[engine]") {
  Simulator simulator;
  struct Looper {
    Simulator* simulator;
    HandlerId handler;
    static void handle(void* context, uint64_t) {
      auto* looper = static_cast<Looper*>(context);
      looper->simulator->schedule_after(Duration{1}, looper->handler, 0);
    }
  } looper{&simulator, 0};
  looper.handler = simulator.add_handler(&Looper::handle, &looper);
  simulator.schedule_at(Time{0}, looper.handler, 0);
  CHECK(simulator.run_until(Time::max() - Duration{1}, 500) ==
        Simulator::RunResult::budget_exhausted);
  CHECK(simulator.events_processed() == 500);
  CHECK(simulator.now().ns == 499);
}

TEST_CASE("stop ends the run after the current event; callbacks run once", "[engine]") {
  Simulator simulator;
  int calls = 0;
  simulator.schedule_callback_at(Time{5}, [&] {
    ++calls;
    simulator.stop();
  });
  simulator.schedule_callback_at(Time{6}, [&] { ++calls; });
  CHECK(simulator.run_until(Time{10}, 100) == Simulator::RunResult::stopped);
  CHECK(calls == 1);
  CHECK(simulator.now().ns == 5);
  CHECK(simulator.run_until(Time{10}, 100) == Simulator::RunResult::reached_time);
  CHECK(calls == 2);
}
