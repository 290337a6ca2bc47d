// File: sweep_command.h
// `faultline sweep SCENARIO --seeds A..B [--jobs N] [--shard I/N] [--swarm] [--out FILE]
// [--resume] [--self-check PERCENT]` and `faultline sweep merge --out FILE IN...` (README
// "Sweeping seeds"). A sweep runs each seed in a worker process (tools/sweep/worker_pool.h),
// appends one result line per finished seed (tools/sweep/result_line.h), rewrites the file sorted
// by seed when it ends (so it is the same for any --jobs but for wall_s) and prints the summary.
// Exit 0 every seed passed, 1 a seed failed, crashed or was nondeterministic, 2 bad input, 130
// interrupted (the results so far are kept; --resume continues).
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace faultline {

struct SweepOptions {
  std::string scenario_path;
  std::string seeds_text;                 // N, A..B or a comma list (sim/base/seed_list.h)
  std::optional<size_t> jobs;             // default: the cores available
  std::optional<std::string> shard_text;  // I/N
  bool swarm = false;
  std::optional<std::string> out_path;  // default: sweep-<scenario stem>.jsonl
  bool resume = false;
  uint32_t self_check_percent = 5;  // 0..100: the share of seeds run twice and compared
  std::string program = "faultline";
};

int sweep_command(const SweepOptions& options, std::FILE* out, std::FILE* err);

struct SweepMergeOptions {
  std::string out_path;
  std::vector<std::string> inputs;
  std::string program = "faultline";
};

// Joins shard results: sorted by seed; a seed found twice with the same result is kept once, with
// different results it is an error naming both files (exit 2). Then the summary (exit 0 / 1).
int sweep_merge_command(const SweepMergeOptions& options, std::FILE* out, std::FILE* err);

}  // namespace faultline
