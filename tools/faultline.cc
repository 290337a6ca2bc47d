// File: faultline.cc
// The faultline command line (CLI11): `run`, `check`, `shrink`, `bench phold` and
// `bench linearizability`, `sweep`, `sweep merge` and `test`, `replay`, `trace diff` and
// `trace export`.
// Exit 0 success / pass, 1 a check failed, 2 bad input or usage (`check`: 3 when its state limit
// was reached).
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <cstdio>
#include <optional>

#include "sim/base/rng.h"
#include "tools/check_command.h"
#include "tools/linearizability_bench.h"
#include "tools/phold.h"
#include "tools/run_command.h"
#include "tools/shrink_command.h"
#include "tools/sweep_cli.h"
#include "tools/trace_cli.h"

namespace {

// The initial events are all created before the clock starts; bound them so that a typo cannot
// ask for hours of set-up (STYLE.md 7).
constexpr uint64_t max_initial_events = 100'000'000;

int bench_phold(uint64_t processes, uint64_t events_per_process, const std::string& until_text,
                const std::string& seed_text) {
  faultline::Result<faultline::Duration> until = faultline::parse_duration(until_text);
  if (!until.ok()) {
    fmt::print(stderr, "error: --until: {}\n", until.error().to_string());
    return 2;
  }
  faultline::Result<uint64_t> seed = faultline::parse_seed(seed_text);
  if (!seed.ok()) {
    fmt::print(stderr, "error: --seed: {}\n", seed.error().to_string());
    return 2;
  }
  if (processes * events_per_process > max_initial_events) {
    fmt::print(stderr, "error: --lps x --events-per-lp is {}, above the limit of {}\n",
               processes * events_per_process, max_initial_events);
    return 2;
  }
  faultline::PholdConfig config;
  config.logical_processes = processes;
  config.events_per_process = events_per_process;
  config.until = faultline::Time{until->ns};
  config.seed = *seed;
  faultline::PholdResult result = faultline::run_phold(config);
  fmt::print("phold lps={} events_per_lp={} until={} seed={} checksum={:016x}\n", processes,
             events_per_process, until_text, *seed, result.checksum);
  fmt::print("events={} wall_s={:.3f} events_per_s={:.0f}\n", result.events, result.wall_seconds,
             result.wall_seconds > 0 ? result.events / result.wall_seconds : 0.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"faultline: a deterministic discrete-event cluster simulator"};
  // At most one subcommand; "none" is reported below with the usage, so that an unknown word is
  // named as such by CLI11 rather than hidden behind "a subcommand is required".
  app.require_subcommand(0, 1);

  faultline::RunCommandOptions run_options;
  std::string seed_text;
  std::string trace_path;
  CLI::App* run = app.add_subcommand("run", "Run a YAML scenario with one seed");
  run->add_option("scenario", run_options.scenario_path, "Scenario file (YAML)")->required();
  CLI::Option* seed_option =
      run->add_option("--seed", seed_text, "Run seed: 64-bit integer or 40-hex commit hash");
  CLI::Option* trace_option =
      run->add_option("--trace", trace_path, "Write the canonical trace to FILE");
  std::string history_path;
  CLI::Option* history_option = run->add_option(
      "--history", history_path,
      "Write the client history to FILE: Jepsen's EDN if it ends in .edn, JSON if .json");
  run->add_flag("--swarm", run_options.swarm,
                "Let the seed choose the nemesis's fault kinds and rates (swarm testing)");
  std::string emit_scenario_path;
  CLI::Option* emit_scenario_option = run->add_option(
      "--emit-scenario", emit_scenario_path,
      "Write the faults this seed drew as a standalone scenario with explicit nemesis timelines "
      "(it replays to the same trace hash) to FILE");

  faultline::CheckCommandOptions check_options;
  std::string check_format;
  std::string check_initial;
  CLI::App* check = app.add_subcommand("check", "Check a client history for linearizability");
  check->add_option("history", check_options.history_path, "History file")->required();
  check->add_option("--model", check_options.model, "register, kv or mutex")->required();
  CLI::Option* format_option =
      check->add_option("--format", check_format, "jepsen-log, edn or json (default: detected)");
  CLI::Option* initial_option = check->add_option(
      "--initial", check_initial, "Starting value of every key (register default nil, kv \"\")");
  check
      ->add_option("--max-states", check_options.max_states,
                   "Search states before giving up with 'unknown' (exit 3)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 40));
  check
      ->add_option("--max-memo-mb", check_options.max_memo_mb,
                   "Memory of one key's memo before giving up with 'unknown' (exit 3)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 24));

  // faultline shrink (tools/shrink_command.h)
  faultline::ShrinkCommandOptions shrink_options;
  std::string shrink_seed;
  std::string shrink_out;
  CLI::App* shrink = app.add_subcommand(
      "shrink", "Search for a smaller scenario that fails the same check with the same seed");
  shrink->add_option("scenario", shrink_options.scenario_path, "Scenario file (YAML)")->required();
  CLI::Option* shrink_seed_option =
      shrink->add_option("--seed", shrink_seed, "Run seed: 64-bit integer or 40-hex commit hash");
  shrink->add_flag("--swarm", shrink_options.swarm,
                   "The failing run was a swarm run (run --swarm)");
  CLI::Option* shrink_out_option = shrink->add_option(
      "--out", shrink_out, "Write the shrunk scenario to FILE (default: <stem>.shrunk.yaml)");
  shrink->add_option("--max-runs", shrink_options.max_runs, "Runs in all, at most (default 500)")
      ->check(CLI::Range(faultline::min_shrink_runs, uint64_t{1'000'000}));

  CLI::App* bench = app.add_subcommand("bench", "Benchmarks of the engine and the checker");
  bench->require_subcommand(0, 1);
  CLI::App* phold = bench->add_subcommand("phold", "The PHOLD model through the event loop");
  uint64_t processes = 1000;
  uint64_t events_per_process = 10;
  std::string until_text = "100s";
  std::string phold_seed = "1";
  phold->add_option("--lps", processes, "Logical processes")->check(CLI::Range(1, 100'000'000));
  phold->add_option("--events-per-lp", events_per_process, "Initial events per process")
      ->check(CLI::Range(1, 1'000'000));
  phold->add_option("--until", until_text, "Simulated end time, e.g. 100s");
  phold->add_option("--seed", phold_seed, "Seed: 64-bit integer or 40-hex commit hash");
  CLI::App* linearizability = bench->add_subcommand(
      "linearizability", "The linearizability checker on the case histories and a generated one");
  faultline::LinearizabilityBenchOptions lin_options;
  std::string lin_write;
  lin_options.operations = 10'000;
  linearizability->add_option("--cases", lin_options.cases_dir, "Folder of the labelled cases");
  linearizability->add_option("--ops", lin_options.operations, "Operations generated")
      ->check(CLI::Range(uint64_t{1}, uint64_t{10'000'000}));
  linearizability->add_option("--clients", lin_options.clients, "Clients of the generated history")
      ->check(CLI::Range(uint64_t{1}, uint64_t{100'000}));
  linearizability->add_option("--keys", lin_options.keys, "Keys of the generated history")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1'000'000}));
  linearizability->add_option("--seed", lin_options.seed, "Seed of the generated history");
  CLI::Option* lin_write_option = linearizability->add_option(
      "--write-history", lin_write, "Also write the generated history to FILE (JSON)");

  // `sweep`, `sweep merge`, `test` (tools/sweep_cli.h).
  std::shared_ptr<faultline::SweepCli> sweep_cli = faultline::add_sweep_subcommands(app);
  faultline::TraceTools trace_tools;
  trace_tools.add_to(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int status = app.exit(error);
    return status == 0 ? 0 : 2;
  }
  if (std::optional<int> status = faultline::run_sweep_subcommands(*sweep_cli, argv[0])) {
    return *status;
  }
  if (run->parsed()) {
    if (*seed_option) {
      run_options.seed_text = seed_text;
    }
    if (*trace_option) {
      run_options.trace_path = trace_path;
    }
    if (*history_option) {
      run_options.history_path = history_path;
    }
    if (*emit_scenario_option) {
      run_options.emit_scenario_path = emit_scenario_path;
    }
    run_options.program = argv[0];
    return faultline::run_command(run_options, stdout, stderr);
  }
  if (std::optional<int> status = trace_tools.run(argv[0])) {
    return *status;
  }
  if (shrink->parsed()) {
    if (*shrink_seed_option) {
      shrink_options.seed_text = shrink_seed;
    }
    if (*shrink_out_option) {
      shrink_options.out_path = shrink_out;
    }
    shrink_options.program = argv[0];
    return faultline::shrink_command(shrink_options, stdout, stderr);
  }
  if (check->parsed()) {
    if (*format_option) {
      check_options.format = check_format;
    }
    if (*initial_option) {
      check_options.initial = check_initial;
    }
    return faultline::check_command(check_options, stdout, stderr);
  }
  if (linearizability->parsed()) {
    if (*lin_write_option) {
      lin_options.write_history = lin_write;
    }
    return faultline::bench_linearizability(lin_options, stdout, stderr);
  }
  if (phold->parsed()) {
    return bench_phold(processes, events_per_process, until_text, phold_seed);
  }
  CLI::App* usage_of = bench->parsed() ? bench : &app;
  fmt::print(stderr, "error: a subcommand is required\n{}", usage_of->help());
  return 2;
}
