// File: shrink_command.h
// `faultline shrink SCENARIO [--seed N] [--swarm] [--out FILE] [--max-runs N]`: searches for a
// smaller scenario that fails the same check with the same seed (shrink_search.h), prints each
// reduction it keeps and a summary, and writes a standalone YAML (its `seed:` set, random faults
// written out) that fails that way on its own: `faultline run FILE` with no flag. A negative
// scenario (`expect_violation`) shrinks to one whose expected check still fires. Owns the
// invariant that the file written was parsed and run once more, after the search, and failed
// like the input. Exit 0 shrunk (or already minimal), 1 the input does not fail with that seed,
// 2 bad input or usage.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

namespace faultline {

struct ShrinkCommandOptions {
  std::string scenario_path;
  std::optional<std::string> seed_text;  // overrides the scenario's seed
  bool swarm = false;  // the input's run is a swarm run (`run --swarm`): its choices are kept
  // Default: `<scenario stem>.shrunk.yaml` in the current directory.
  std::optional<std::string> out_path;
  // Runs in all (the input's, the search's, the final check's): a limit on the work.
  uint64_t max_runs = 500;
  std::string program = "faultline";  // how the user invoked us, for the command it prints
};

// The smallest --max-runs: the input's run, one candidate, the final check.
inline constexpr uint64_t min_shrink_runs = 3;

int shrink_command(const ShrinkCommandOptions& options, std::FILE* out, std::FILE* err);

}  // namespace faultline
