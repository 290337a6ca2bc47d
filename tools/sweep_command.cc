// File: sweep_command.cc
#include "tools/sweep_command.h"

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <tuple>

#include "sim/base/check.h"
#include "sim/base/seed_list.h"
#include "sim/runner/scenario_mapping.h"
#include "sim/scenario/scenario_parser.h"
#include "tools/atomic_file.h"
#include "tools/shell_quote.h"
#include "tools/sweep/progress.h"
#include "tools/sweep/results_file.h"
#include "tools/sweep/seed_run.h"
#include "tools/sweep/shard.h"
#include "tools/sweep/summary.h"
#include "tools/sweep/temporary_directory.h"

namespace faultline {
namespace {

// Everything decided before the first seed runs; any bad input is found here.
struct SweepPlan {
  Scenario scenario;
  std::string scenario_hash;  // scenario_file_hash of the file, in every result line
  std::string out_path;
  std::vector<ResultRecord> previous;  // read back by --resume
  std::vector<uint64_t> seeds;         // to run now, in list order
  size_t jobs = 1;
  std::optional<TemporaryDirectory> scratch;  // the self-check's traces, when it runs any seed
};

std::string normal_path(const std::string& path) {
  return std::filesystem::path(path).lexically_normal().string();
}

std::string default_out_path(const std::string& scenario_path) {
  return "sweep-" + std::filesystem::path(scenario_path).stem().string() + ".jsonl";
}

// The results already in `path` (--resume): they must be of this scenario, in this version
// (`scenario_hash`; lines written before the key existed have none), and swarm setting.
Result<std::vector<ResultRecord>> read_previous(const std::string& path,
                                                const SweepOptions& options,
                                                const std::string& scenario_hash, std::FILE* err) {
  Result<ResultsFile> file = read_results_file(path);
  if (!file) {
    return file.error();
  }
  int line_number = 0;
  for (const ResultRecord& record : file->records) {
    ++line_number;
    if (normal_path(record.scenario) != normal_path(options.scenario_path) ||
        record.swarm != options.swarm) {
      return Error{fmt::format("holds a result of another sweep (scenario {}, swarm {}), not of "
                               "{}{}: choose another --out",
                               record.scenario, record.swarm, options.scenario_path,
                               options.swarm ? " --swarm" : ""),
                   path, line_number, ""};
    }
    if (!record.scenario_hash.empty() && record.scenario_hash != scenario_hash) {
      return Error{fmt::format("holds results of another version of {} (scenario_hash {}; the "
                               "file's is now {}): resuming would mix the two, so choose "
                               "another --out or restore the scenario",
                               options.scenario_path, record.scenario_hash, scenario_hash),
                   path, line_number, "scenario_hash"};
    }
  }
  if (file->dropped_torn_line) {
    fmt::print(err,
               "{}: its last line was cut short (an interrupted write); that seed runs again\n",
               path);
  }
  return std::move(file->records);
}

// The results file: refused without --resume when it exists; with --resume read back and
// rewritten without a torn last line, so that appending continues a whole line.
Status prepare_results_file(const SweepOptions& options, SweepPlan& plan, std::FILE* err) {
  std::error_code error;
  bool exists = std::filesystem::exists(plan.out_path, error);
  if (exists && !std::filesystem::is_regular_file(plan.out_path, error)) {
    return Error::make(
        fmt::format("refusing to write '{}': it exists and is not a regular file", plan.out_path));
  }
  if (exists && !options.resume) {
    return Error::make(fmt::format(
        "results file '{}' exists: add --resume to continue that sweep, or choose another --out",
        plan.out_path));
  }
  if (exists) {
    Result<std::vector<ResultRecord>> previous =
        read_previous(plan.out_path, options, plan.scenario_hash, err);
    if (!previous) {
      return previous.error();
    }
    plan.previous = std::move(*previous);
  }
  // Written now (also when new) so that a bad path fails before any work, and the file exists.
  return write_results_file(plan.out_path, plan.previous, options.scenario_path);
}

Result<SweepPlan> plan_sweep(const SweepOptions& options, std::FILE* err) {
  SweepPlan plan;
  Result<HashedScenario> scenario = load_hashed_scenario(options.scenario_path);
  if (!scenario) {
    return scenario.error();
  }
  plan.scenario = std::move(scenario->scenario);
  plan.scenario_hash = std::move(scenario->hash);
  if (options.swarm) {
    Scenario copy = plan.scenario;
    Result<std::string> swarm = apply_swarm(copy, plan.scenario.seed);
    if (!swarm) {
      return Error::make("--swarm: " + swarm.error().to_string());
    }
  }
  Result<SeedList> seeds = parse_seed_list(options.seeds_text);
  if (!seeds) {
    return Error::make("--seeds: " + seeds.error().message);
  }
  Shard shard;
  if (options.shard_text) {
    Result<Shard> parsed = parse_shard(*options.shard_text);
    if (!parsed) {
      return Error::make("--shard: " + parsed.error().message);
    }
    shard = *parsed;
  }
  plan.out_path = options.out_path.value_or(default_out_path(options.scenario_path));
  if (Status prepared = prepare_results_file(options, plan, err)) {
    return *prepared;
  }
  std::set<uint64_t> done;
  for (const ResultRecord& record : plan.previous) {
    done.insert(record.seed);
  }
  Result<std::vector<uint64_t>> selected =
      shard_seeds(*seeds, shard, [&](uint64_t seed) { return done.count(seed) != 0; });
  if (!selected) {
    return Error::make("--seeds: " + selected.error().message);
  }
  plan.seeds = std::move(*selected);
  plan.jobs = options.jobs.value_or(available_cores());
  if (std::any_of(plan.seeds.begin(), plan.seeds.end(), [&](uint64_t seed) {
        return in_self_check_sample(seed, options.self_check_percent);
      })) {
    Result<TemporaryDirectory> scratch = TemporaryDirectory::create("faultline-sweep");
    if (!scratch) {
      return scratch.error();
    }
    plan.scratch.emplace(std::move(*scratch));
  }
  return plan;
}

std::string resume_command(const SweepOptions& options, const std::string& out_path) {
  std::string command =
      fmt::format("{} sweep {} --seeds {}", shell_quote(options.program),
                  shell_quote(options.scenario_path), shell_quote(options.seeds_text));
  if (options.shard_text) {
    command += " --shard " + shell_quote(*options.shard_text);
  }
  if (options.swarm) {
    command += " --swarm";
  }
  if (options.jobs) {
    command += fmt::format(" --jobs {}", *options.jobs);
  }
  if (options.self_check_percent != SweepOptions{}.self_check_percent) {
    command += fmt::format(" --self-check {}", options.self_check_percent);
  }
  return command + " --out " + shell_quote(out_path) + " --resume";
}

// Sorted by seed, each (seed, scenario, swarm) once (the first one read wins).
std::vector<ResultRecord> sorted_unique(std::vector<ResultRecord> records) {
  sort_results(records);
  std::vector<ResultRecord> unique;
  for (ResultRecord& record : records) {
    if (!unique.empty() &&
        std::tie(unique.back().seed, unique.back().scenario, unique.back().swarm) ==
            std::tie(record.seed, record.scenario, record.swarm)) {
      continue;
    }
    unique.push_back(std::move(record));
  }
  return unique;
}

}  // namespace

int sweep_command(const SweepOptions& options, std::FILE* out, std::FILE* err) {
  Result<SweepPlan> plan = plan_sweep(options, err);
  if (!plan) {
    fmt::print(err, "error: {}\n", plan.error().to_string());
    return 2;
  }
  std::vector<SeedTask> tasks;
  uint64_t self_checked = 0;
  for (uint64_t seed : plan->seeds) {
    bool self_check = in_self_check_sample(seed, options.self_check_percent);
    self_checked += self_check ? 1 : 0;
    tasks.push_back(SeedTask{&plan->scenario, options.scenario_path, plan->scenario_hash, seed,
                             options.swarm, self_check, self_check ? plan->scratch->path() : ""});
  }
  Result<ResultsAppender> appender = ResultsAppender::open(plan->out_path);
  if (!appender) {
    fmt::print(err, "error: {}\n", appender.error().to_string());
    return 2;
  }
  fmt::print(err, "sweep {}: {} seeds to run{} with {} jobs, {} self-checked; results in {}\n",
             options.scenario_path, tasks.size(),
             plan->previous.empty() ? "" : fmt::format(" ({} already done)", plan->previous.size()),
             plan->jobs, self_checked, plan->out_path);
  std::vector<ResultRecord> records = std::move(plan->previous);
  Progress progress(err, tasks.size(), "sweep");
  Status write_error;
  auto start = std::chrono::steady_clock::now();
  WorkerPoolCallbacks callbacks;
  callbacks.work = [&](size_t index) { return run_seed_task(tasks[index]); };
  callbacks.done = [&](size_t index, WorkerOutcome worker) {
    SeedOutcome outcome = seed_outcome(tasks[index], std::move(worker));
    if (Status appended = appender->append(outcome.line); appended && !write_error) {
      write_error = appended;
    }
    Result<ResultRecord> record = parse_result_line(format_result_line(outcome.line));
    FL_CHECK(record.ok(), "a result line that does not read back: {}",
             format_result_line(outcome.line));
    progress.seed_done(record->passed());
    records.push_back(std::move(*record));
  };
  callbacks.tick = [&] { progress.tick(); };
  Result<PoolEnd> end = run_worker_pool(tasks.size(), plan->jobs, callbacks);
  progress.finish();
  if (!end || *end == PoolEnd::interrupted || write_error) {
    if (!end || write_error) {
      fmt::print(err, "error: {}\n", (!end ? end.error() : *write_error).to_string());
    }
    fmt::print(err, "{}: {} seeds recorded in {} (unsorted); continue with:\n  {}\n",
               end && *end == PoolEnd::interrupted ? "interrupted" : "stopped", records.size(),
               plan->out_path, resume_command(options, plan->out_path));
    return end && *end == PoolEnd::interrupted ? 130 : 2;
  }
  records = sorted_unique(std::move(records));
  if (Status written = write_results_file(plan->out_path, records, options.scenario_path)) {
    fmt::print(err, "error: {}\n", written->to_string());
    return 2;
  }
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(out, "sweep {}{}: {} seeds run in {:.1f}s ({:.1f} seeds/s), {} self-checked\n",
             options.scenario_path, options.swarm ? " --swarm" : "", tasks.size(), wall,
             wall > 0 ? tasks.size() / wall : 0.0, self_checked);
  fmt::print(out, "results written to {}\n", plan->out_path);
  return print_summary(out, records, options.program);
}

int sweep_merge_command(const SweepMergeOptions& options, std::FILE* out, std::FILE* err) {
  struct Origin {
    ResultRecord record;
    std::string file;
  };
  std::vector<Origin> all;
  for (const std::string& input : options.inputs) {
    Result<ResultsFile> file = read_results_file(input);
    if (!file) {
      fmt::print(err, "error: {}\n", file.error().to_string());
      return 2;
    }
    if (file->dropped_torn_line) {
      fmt::print(err, "{}: its last line was cut short and is left out\n", input);
    }
    for (ResultRecord& record : file->records) {
      all.push_back({std::move(record), input});
    }
  }
  // Shards of one sweep: one scenario (in one version, where the lines say) and swarm setting.
  for (const Origin& origin : all) {
    const ResultRecord& first = all.front().record;
    const ResultRecord& record = origin.record;
    if (normal_path(record.scenario) != normal_path(first.scenario) ||
        record.swarm != first.swarm ||
        (!record.scenario_hash.empty() && !first.scenario_hash.empty() &&
         record.scenario_hash != first.scenario_hash)) {
      auto describe = [](const ResultRecord& of) {
        return fmt::format(
            "{}{}{}", of.scenario, of.swarm ? " --swarm" : "",
            of.scenario_hash.empty() ? "" : " (scenario_hash " + of.scenario_hash + ")");
      };
      fmt::print(err,
                 "error: {} holds results of {} but {} of {}: sweep merge joins the shards of "
                 "one sweep\n",
                 origin.file, describe(record), all.front().file, describe(first));
      return 2;
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const Origin& left, const Origin& right) {
    return std::tie(left.record.seed, left.record.scenario, left.record.swarm) <
           std::tie(right.record.seed, right.record.scenario, right.record.swarm);
  });
  std::vector<ResultRecord> merged;
  const Origin* previous = nullptr;
  for (const Origin& origin : all) {
    const ResultRecord& record = origin.record;
    if (previous != nullptr &&
        std::tie(previous->record.seed, previous->record.scenario, previous->record.swarm) ==
            std::tie(record.seed, record.scenario, record.swarm)) {
      if (!same_result(previous->record.line, record.line)) {
        fmt::print(err, "error: seed {} of {} has different results in {} and {}:\n  {}\n  {}\n",
                   record.seed, record.scenario, previous->file, origin.file,
                   format_result_line(previous->record.line), format_result_line(record.line));
        return 2;
      }
      continue;
    }
    merged.push_back(record);
    previous = &origin;
  }
  if (Status written = write_results_file(options.out_path, merged)) {
    fmt::print(err, "error: {}\n", written->to_string());
    return 2;
  }
  fmt::print(out, "merged {} files into {}\n", options.inputs.size(), options.out_path);
  return print_summary(out, merged, options.program);
}

}  // namespace faultline
