// File: history_generator.h
// Generated kv histories for the benchmark and the tests: clients issue gets, puts and appends
// one after another on random keys, each operation takes effect at a random instant strictly
// inside its interval, and reads return what that order gives, so the history is linearizable by
// construction. Deterministic from the seed (Rng streams "lin.client", "lin.effect").
#pragma once

#include <cstdint>

#include "sim/check/linearizability/operation.h"

namespace faultline::linearizability {

struct GeneratorConfig {
  uint64_t operations = 10'000;
  uint64_t clients = 50;
  uint64_t keys = 10;
  uint64_t seed = 1;
  // Percent of each function; the rest are gets.
  uint64_t put_percent = 30;
  uint64_t append_percent = 20;
  // Operation latency and the pause between a client's operations, uniform (ns).
  int64_t latency_ns_min = 100'000;
  int64_t latency_ns_max = 5'000'000;
  int64_t pause_ns_max = 2'000'000;
};

// The operations in call order, with call/ret and the times in ns; keys "k0".."k<keys-1>";
// processes 0..clients-1; written values unique ("c3-17" for put, " c3-17" for append).
OperationHistory generate_kv_history(const GeneratorConfig& config);

}  // namespace faultline::linearizability
