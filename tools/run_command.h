// File: run_command.h
// `faultline run SCENARIO [--seed N] [--swarm] [--trace FILE] [--history FILE]
// [--emit-scenario FILE]`: the seed banner first, a
// summary per phase, the verdict, the trace hash, and the command that replays the run. Exit 0
// pass, 1 a check failed, 2 bad input.
#pragma once

#include <cstdio>
#include <optional>
#include <string>

namespace faultline {

struct RunCommandOptions {
  std::string scenario_path;
  std::optional<std::string> seed_text;  // overrides the scenario's seed
  std::optional<std::string> trace_path;
  // The client history, written when the run ends: Jepsen's EDN for a .edn path, JSON for .json
  // (tools/history_file.h).
  std::optional<std::string> history_path;
  // Swarm testing (Groce et al., ISSTA 2012): the seed also picks which fault kinds the nemesis
  // uses and at what rates (scenario_mapping.h apply_swarm); printed in the banner.
  bool swarm = false;
  // Writes the run's nemesis decisions as a standalone scenario with explicit timelines that
  // replays to the same trace hash (tools/scenario_emit.h), atomically, when the run ends.
  std::optional<std::string> emit_scenario_path;
  std::string program = "faultline";  // how the user invoked us, for the replay line
};

int run_command(const RunCommandOptions& options, std::FILE* out, std::FILE* err);

}  // namespace faultline
