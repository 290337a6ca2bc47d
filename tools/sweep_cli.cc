// File: sweep_cli.cc
#include "tools/sweep_cli.h"

#include <fmt/format.h>
#include <cstdio>

#include "tools/sweep_command.h"
#include "tools/test_command.h"

namespace faultline {

struct SweepCli {
  CLI::App* sweep = nullptr;
  CLI::App* merge = nullptr;
  CLI::App* test = nullptr;
  SweepOptions sweep_options;
  size_t sweep_jobs = 0;
  std::string shard;
  std::string out;
  CLI::Option* seeds_option = nullptr;
  CLI::Option* jobs_option = nullptr;
  CLI::Option* shard_option = nullptr;
  CLI::Option* out_option = nullptr;
  SweepMergeOptions merge_options;
  TestCommandOptions test_options;
  std::string junit;
  size_t test_jobs = 0;
  CLI::Option* junit_option = nullptr;
  CLI::Option* test_jobs_option = nullptr;
};

namespace {

constexpr size_t max_jobs = 4096;

void add_sweep(CLI::App& app, SweepCli& cli) {
  cli.sweep = app.add_subcommand(
      "sweep", "Run a scenario over many seeds in worker processes; `sweep merge` joins shards");
  cli.sweep->require_subcommand(0, 1);
  // Not ->required(): `sweep merge` has no scenario (checked after parsing instead).
  cli.sweep->add_option("scenario", cli.sweep_options.scenario_path, "Scenario file (YAML)");
  cli.seeds_option = cli.sweep->add_option("--seeds", cli.sweep_options.seeds_text,
                                           "Seeds: N, A..B (inclusive) or a comma list of them");
  cli.jobs_option =
      cli.sweep->add_option("--jobs", cli.sweep_jobs, "Worker processes (default: the cores)")
          ->check(CLI::Range(size_t{1}, max_jobs));
  cli.shard_option = cli.sweep->add_option(
      "--shard", cli.shard, "I/N: only the seeds at list positions p with p mod N = I-1");
  cli.sweep->add_flag("--swarm", cli.sweep_options.swarm,
                      "Let each seed choose the nemesis's fault kinds and rates (swarm testing)");
  cli.out_option = cli.sweep->add_option(
      "--out", cli.out, "Results file, JSON Lines (default: sweep-<scenario stem>.jsonl)");
  cli.sweep->add_flag("--resume", cli.sweep_options.resume,
                      "Continue the sweep in --out: run only the seeds it does not hold");
  cli.sweep
      ->add_option("--self-check", cli.sweep_options.self_check_percent,
                   "Percent of seeds run twice and compared (determinism self-check; default 5)")
      ->check(CLI::Range(0u, 100u));
  cli.merge = cli.sweep->add_subcommand("merge", "Join shard results files, then summarize");
  cli.merge->add_option("--out", cli.merge_options.out_path, "Merged results file")->required();
  cli.merge->add_option("inputs", cli.merge_options.inputs, "Results files of the shards")
      ->required();
}

void add_test(CLI::App& app, SweepCli& cli) {
  cli.test = app.add_subcommand(
      "test", "Run every scenario of a folder on its listed seeds; JUnit XML for CI");
  cli.test->add_option("dir", cli.test_options.dir, "Folder of *.yaml scenarios")->required();
  cli.junit_option = cli.test->add_option("--junit", cli.junit, "Write JUnit XML to FILE");
  cli.test_jobs_option =
      cli.test->add_option("--jobs", cli.test_jobs, "Worker processes (default: the cores)")
          ->check(CLI::Range(size_t{1}, max_jobs));
}

int run_sweep(SweepCli cli, const char* program) {
  if (cli.sweep_options.scenario_path.empty()) {
    fmt::print(stderr, "error: sweep: a scenario file is required\n{}", cli.sweep->help());
    return 2;
  }
  if (!*cli.seeds_option) {
    fmt::print(stderr, "error: sweep: --seeds is required (e.g. --seeds 1..1000)\n");
    return 2;
  }
  if (*cli.jobs_option) {
    cli.sweep_options.jobs = cli.sweep_jobs;
  }
  if (*cli.shard_option) {
    cli.sweep_options.shard_text = cli.shard;
  }
  if (*cli.out_option) {
    cli.sweep_options.out_path = cli.out;
  }
  cli.sweep_options.program = program;
  return sweep_command(cli.sweep_options, stdout, stderr);
}

}  // namespace

std::shared_ptr<SweepCli> add_sweep_subcommands(CLI::App& app) {
  auto cli = std::make_shared<SweepCli>();
  add_sweep(app, *cli);
  add_test(app, *cli);
  return cli;
}

std::optional<int> run_sweep_subcommands(const SweepCli& cli, const char* program) {
  if (cli.merge->parsed()) {
    SweepMergeOptions options = cli.merge_options;
    options.program = program;
    return sweep_merge_command(options, stdout, stderr);
  }
  if (cli.sweep->parsed()) {
    return run_sweep(cli, program);
  }
  if (cli.test->parsed()) {
    TestCommandOptions options = cli.test_options;
    if (*cli.junit_option) {
      options.junit_path = cli.junit;
    }
    if (*cli.test_jobs_option) {
      options.jobs = cli.test_jobs;
    }
    options.program = program;
    return test_command(options, stdout, stderr);
  }
  return std::nullopt;
}

}  // namespace faultline
