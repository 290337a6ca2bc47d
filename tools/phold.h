// File: phold.h
// The classic PHOLD benchmark (Fujimoto, 1990) run through the same Simulator the scenarios use:
// N logical processes, each starting with M events; handling an event at a process schedules one
// new event at a uniformly random process after a lookahead of 0.1 s plus an exponential delay of
// mean 1 s; events past `until` are not created.
#pragma once

#include <cstdint>

#include "sim/base/time.h"

namespace faultline {

struct PholdConfig {
  uint64_t logical_processes = 1000;
  uint64_t events_per_process = 10;
  Time until = Time{Duration::seconds(100).ns};
  uint64_t seed = 1;
};

struct PholdResult {
  uint64_t events = 0;
  double wall_seconds = 0;
  uint64_t checksum = 0;  // order-sensitive digest of (time, process) of every event handled
};

PholdResult run_phold(const PholdConfig& config);

}  // namespace faultline
