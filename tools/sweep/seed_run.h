// File: seed_run.h
// One seed of a sweep or a test: what a worker process does (run the parsed scenario with the
// seed, twice for the determinism self-check) and what the parent makes of the worker's end (a
// result line, or a crash line when the worker died). Owns the self-check sample (chosen by a
// hash of the seed alone, so it does not depend on --jobs or --shard) and the rule that its
// temporary traces are removed whatever the outcome.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"
#include "tools/sweep/result_line.h"
#include "tools/sweep/worker_pool.h"

namespace faultline {

struct SeedTask {
  const Scenario* scenario = nullptr;  // parsed once in the parent; swarm not yet applied
  std::string scenario_path;           // as the user wrote it: recorded in the result line
  std::string scenario_hash;           // scenario_file_hash of it, recorded too
  uint64_t seed = 0;
  bool swarm = false;
  bool self_check = false;
  std::string temporary_dir;  // where the self-check writes its two traces
};

// What a seed came to, in the parent.
struct SeedOutcome {
  ResultLine line;  // the result line, wall_s included
  // Failures: the verdict's message and the trace tail at the failure. Crashes: the stderr tail.
  std::string message;
  std::vector<std::string> last_lines;
};

// A scenario file read once: parsed, and the scenario_hash of the text parsed.
struct HashedScenario {
  Scenario scenario;
  std::string hash;
};

// load_scenario, with the hash. Errors: load_scenario's.
Result<HashedScenario> load_hashed_scenario(const std::string& path);

// Whether the self-check runs `seed` twice: mix64(seed) mod 100 below `percent` (0..100).
bool in_self_check_sample(uint64_t seed, uint32_t percent);

// Test-only hook (documented in README "Sweeping seeds"): a worker whose seed equals the
// environment variable FAULTLINE_SWEEP_TEST_ABORT_SEED prints a line to stderr and aborts, so
// the tests can check that a crashing seed is recorded and the sweep goes on.
inline constexpr const char* test_abort_seed_variable = "FAULTLINE_SWEEP_TEST_ABORT_SEED";
// Test-only hook: when the self-check runs the seed equal to FAULTLINE_SWEEP_TEST_RERUN_SEED, its
// second run uses the next seed, faking a nondeterministic run (the tests check the report).
inline constexpr const char* test_rerun_seed_variable = "FAULTLINE_SWEEP_TEST_RERUN_SEED";

// In the worker: runs the task and returns the answer for the parent (JSON text).
std::string run_seed_task(const SeedTask& task);

// In the parent: the outcome of the worker that ran `task`.
SeedOutcome seed_outcome(const SeedTask& task, WorkerOutcome worker);

}  // namespace faultline
