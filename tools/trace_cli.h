// File: trace_cli.h
// The command-line options of `faultline replay`, `faultline trace diff` and `faultline trace
// export` (CLI11), kept out of faultline.cc: add_to() declares them, run() runs the one parsed
// (tools/replay_command.h, tools/trace_command.h, tools/trace_export.h).
#pragma once

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <cstdio>
#include <optional>
#include <string>
#include <tuple>

#include "sim/base/time.h"
#include "tools/replay_command.h"
#include "tools/trace_command.h"
#include "tools/trace_export.h"

namespace faultline {

struct TraceTools {
  ReplayCommandOptions replay;
  std::string replay_scenario;
  std::string replay_trace;
  std::string replay_until;
  CLI::App* replay_command = nullptr;
  CLI::Option* replay_scenario_option = nullptr;
  CLI::Option* replay_trace_option = nullptr;
  CLI::Option* replay_until_option = nullptr;

  CLI::App* trace_command = nullptr;
  CLI::App* diff_command = nullptr;
  std::string diff_first;
  std::string diff_second;
  CLI::App* export_command = nullptr;
  TraceExportOptions export_options;
  std::string export_from;
  std::string export_until;
  CLI::Option* export_from_option = nullptr;
  CLI::Option* export_until_option = nullptr;

  void add_to(CLI::App& app) {
    replay_command = app.add_subcommand(
        "replay", "Reproduce one seed of a sweep (a result line or a seed) and write its trace");
    replay_command
        ->add_option("result_line_or_seed", replay.line_or_seed,
                     "A sweep result line (JSON) or a seed")
        ->required();
    replay_scenario_option =
        replay_command->add_option("--scenario", replay_scenario,
                                   "Scenario file (required with a seed; overrides the line's)");
    replay_command->add_flag("--swarm", replay.swarm, "Swarm testing (with a seed)");
    replay_trace_option =
        replay_command->add_option("--trace", replay_trace, "Write the canonical trace to FILE");
    replay_until_option = replay_command->add_option(
        "--until", replay_until, "Stop the run at this simulated time (e.g. 2.5s, 1234ns)");

    trace_command = app.add_subcommand("trace", "Compare or export canonical traces");
    trace_command->require_subcommand(0, 1);
    diff_command =
        trace_command->add_subcommand("diff", "The first event where two traces diverge");
    diff_command->add_option("first", diff_first, "Trace A")->required();
    diff_command->add_option("second", diff_second, "Trace B")->required();
    export_command = trace_command->add_subcommand(
        "export", "A trace as Perfetto / Chrome trace JSON or a space-time diagram (HTML)");
    export_command->add_option("--format", export_options.format, "perfetto or html")->required();
    export_command->add_option("trace", export_options.trace_path, "Canonical trace file")
        ->required();
    export_command->add_option("--out", export_options.out_path, "Output file")->required();
    export_from_option = export_command->add_option(
        "--from", export_from, "Keep the events from this simulated time (e.g. 2s)");
    export_until_option = export_command->add_option(
        "--until", export_until, "Keep the events up to this simulated time (e.g. 3s)");
  }

  // The exit status of the trace tool that was parsed; std::nullopt when none was.
  std::optional<int> run(const char* program) {
    if (replay_command->parsed()) {
      replay.program = program;
      if (*replay_scenario_option) {
        replay.scenario_path = replay_scenario;
      }
      if (*replay_trace_option) {
        replay.trace_path = replay_trace;
      }
      if (*replay_until_option) {
        replay.until_text = replay_until;
      }
      return faultline::replay_command(replay, stdout, stderr);
    }
    if (diff_command->parsed()) {
      return faultline::trace_diff_command(diff_first, diff_second, stdout, stderr);
    }
    if (export_command->parsed()) {
      for (auto [option, text, name] :
           {std::tuple{export_from_option, &export_from, "--from"},
            std::tuple{export_until_option, &export_until, "--until"}}) {
        if (!*option) {
          continue;
        }
        Result<Duration> time = parse_duration(*text);
        if (!time.ok()) {
          fmt::print(stderr, "error: {}: {}\n", name, time.error().to_string());
          return 2;
        }
        if (option == export_from_option) {
          export_options.window.from_ns = time->ns;
        } else {
          export_options.window.until_ns = time->ns;
        }
      }
      return faultline::trace_export_command(export_options, stdout, stderr);
    }
    if (trace_command->parsed()) {
      fmt::print(stderr, "error: a subcommand is required\n{}", trace_command->help());
      return 2;
    }
    return std::nullopt;
  }
};

}  // namespace faultline
