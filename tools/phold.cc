// File: phold.cc
// PHOLD over the Simulator. Wall-clock time is measured here, in tools/, and only reported: it
// never reaches simulated behaviour.
#include "tools/phold.h"

#include <chrono>
#include <vector>

#include "sim/base/rng.h"
#include "sim/engine/simulator.h"

namespace faultline {
namespace {

struct PholdModel {
  Simulator* simulator = nullptr;
  HandlerId handler = 0;
  Rng rng{0};
  uint64_t process_count = 0;
  Time until;
  uint64_t checksum = 0;

  void schedule_next() {
    Duration delay = Duration::milliseconds(100) + rng.exponential(Duration::seconds(1));
    Time at = simulator->now() + delay;
    if (at > until) {
      return;
    }
    simulator->schedule_at(at, handler, rng.index(process_count));
  }

  static void handle(void* context, uint64_t process) {
    auto* model = static_cast<PholdModel*>(context);
    model->checksum = (model->checksum ^ (model->simulator->now().ns + process)) * 0x100000001b3ull;
    model->schedule_next();
  }
};

}  // namespace

PholdResult run_phold(const PholdConfig& config) {
  Simulator simulator;
  PholdModel model;
  model.simulator = &simulator;
  model.rng = RngStreams(config.seed).derive("phold");
  model.process_count = config.logical_processes;
  model.until = config.until;
  model.handler = simulator.add_handler(&PholdModel::handle, &model);
  for (uint64_t process = 0; process < config.logical_processes; ++process) {
    for (uint64_t i = 0; i < config.events_per_process; ++i) {
      Time at = Time{0} + model.rng.exponential(Duration::seconds(1));
      if (at <= config.until) {
        simulator.schedule_at(at, model.handler, process);
      }
    }
  }
  auto start = std::chrono::steady_clock::now();
  simulator.run_until(config.until, UINT64_MAX);
  auto end = std::chrono::steady_clock::now();
  PholdResult result;
  result.events = simulator.events_processed();
  result.wall_seconds = std::chrono::duration<double>(end - start).count();
  result.checksum = model.checksum;
  return result;
}

}  // namespace faultline
