// File: replay_command.h
// `faultline replay RESULT_LINE_OR_SEED [--scenario FILE] [--swarm] --trace FILE [--until TIME]`:
// reproduces one seed of a sweep and writes its full trace, with the report of `faultline run`
// (tools/run_command.h). The argument is a sweep result line (JSON: scenario, seed, swarm,
// trace_hash, ...; --scenario overrides its path) or a seed (then --scenario is required). With a
// result line, the replayed trace hash must equal the line's: the seed is reproduced (exit 0), or
// it is not, which is a determinism bug (exit 1; `faultline trace diff` names the first event that
// differs). With a seed, the exit status is the run's (0 pass, 1 a check failed). --until stops the
// run at that simulated time (RunOptions::until; the hash is then not compared). Exit 2: bad input
// (malformed line, a line without scenario or seed, a bad seed, a bad --until, no --trace).
#pragma once

#include <cstdio>
#include <optional>
#include <string>

namespace faultline {

struct ReplayCommandOptions {
  std::string line_or_seed;
  std::optional<std::string> scenario_path;
  bool swarm = false;
  std::optional<std::string> trace_path;
  std::optional<std::string> until_text;  // a duration: "2.5s", "1234ns"
  std::string program = "faultline";
};

int replay_command(const ReplayCommandOptions& options, std::FILE* out, std::FILE* err);

}  // namespace faultline
