// File: test_command.cc
#include "tools/test_command.h"

#include <fmt/format.h>
#include <algorithm>
#include <filesystem>

#include "sim/base/time.h"
#include "sim/scenario/scenario_parser.h"
#include "tools/atomic_file.h"
#include "tools/sweep/junit.h"
#include "tools/sweep/progress.h"
#include "tools/sweep/seed_run.h"
#include "tools/sweep/summary.h"

namespace faultline {
namespace {

struct ScenarioEntry {
  std::string path;  // DIR/<name>.yaml
  std::string stem;
  std::optional<Scenario> scenario;
  std::string scenario_hash;   // of the file's bytes, in its result lines
  std::optional<Error> error;  // a bad file: named, and an <error> test case
  std::vector<size_t> tasks;   // its runs, indices into the task list
  size_t remaining = 0;        // runs not finished yet
};

Result<std::vector<std::string>> scenario_files(const std::string& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    return Error::make(fmt::format("'{}' is not a directory", dir));
  }
  std::vector<std::string> names;
  for (const auto& item : std::filesystem::directory_iterator(dir, error)) {
    if (item.path().extension() == ".yaml" && item.is_regular_file(error)) {
      names.push_back(item.path().filename().string());
    }
  }
  if (error) {
    return Error::make(fmt::format("cannot list '{}': {}", dir, error.message()));
  }
  if (names.empty()) {
    return Error::make(fmt::format("no *.yaml scenario in '{}'", dir));
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The name of DIR itself ("fast" for scenarios/fast/), for the suite and the class names.
std::string dir_name(const std::string& dir) {
  std::error_code error;
  std::filesystem::path path = std::filesystem::weakly_canonical(dir, error);
  std::string name =
      error ? std::filesystem::path(dir).filename().string() : path.filename().string();
  return name.empty() ? "scenarios" : name;
}

std::string string_field(const ResultLine& line, const char* key) {
  return line.contains(key) && line[key].is_string() ? line[key].get<std::string>() : "";
}

// "raft.election_safety at 1.234000000s on n3"; a negative scenario that was not caught says so.
std::string failure_message(const ResultLine& line, const Scenario& scenario) {
  std::string fired;
  if (line.contains("check")) {
    fired = string_field(line, "check");
    if (line.contains("failed_at_ns") && line["failed_at_ns"].is_number_integer()) {
      fired += fmt::format(" at {}s", format_time(Time{line["failed_at_ns"].get<int64_t>()}));
    }
    if (line.contains("node")) {
      fired += " on " + string_field(line, "node");
    }
  }
  if (string_field(line, "verdict") == "crash") {
    return "crash: " + (line.contains("signal")
                            ? string_field(line, "signal")
                            : fmt::format("exit status {}", line.value("exit_status", -1)));
  }
  if (string_field(line, "kind") == "not_caught") {
    return fmt::format("expected {} to fire: not caught{}", scenario.expect_violation,
                       fired.empty() ? "" : "; " + fired + " fired instead");
  }
  if (string_field(line, "verdict") == "nondeterministic") {
    return "nondeterministic: the same seed gave two trace hashes";
  }
  return fired;
}

JunitCase junit_case(const std::string& suite, const ScenarioEntry& entry, uint64_t seed,
                     const SeedOutcome& outcome, const std::string& program) {
  JunitCase test_case;
  test_case.classname = suite + "." + entry.stem;
  test_case.name = fmt::format("seed {}", seed);
  test_case.time_seconds = outcome.line.value("wall_s", 0.0);
  std::string verdict = string_field(outcome.line, "verdict");
  if (verdict == "pass") {
    return test_case;
  }
  bool crashed = verdict == "crash";
  test_case.outcome = crashed ? JunitCase::Outcome::error : JunitCase::Outcome::failure;
  test_case.message = failure_message(outcome.line, *entry.scenario);
  test_case.type = crashed             ? string_field(outcome.line, "kind")
                   : verdict == "fail" ? string_field(outcome.line, "kind")
                                       : verdict;
  ResultRecord record{outcome.line, entry.path, entry.scenario_hash, seed, false, verdict};
  std::string text = outcome.message + "\n\nreplay:\n  " +
                     run_command_for(program, entry.path, seed, false) + "\n  " +
                     replay_line_command(program, record) + "\n";
  if (!outcome.last_lines.empty()) {
    text += crashed ? "\nlast stderr lines:\n" : "\nlast trace lines:\n";
    for (const std::string& line : outcome.last_lines) {
      text += "  " + line + "\n";
    }
  }
  test_case.text = text;
  return test_case;
}

// "PASS name.yaml: 5 seeds", or FAIL with each failing seed and the command replaying the first.
void print_scenario_line(std::FILE* out, const ScenarioEntry& entry,
                         const std::vector<SeedTask>& tasks,
                         const std::vector<std::optional<SeedOutcome>>& outcomes,
                         const std::string& program) {
  std::string name = std::filesystem::path(entry.path).filename().string();
  if (entry.error) {
    fmt::print(out, "ERROR {}: {}\n", name, entry.error->to_string());
    return;
  }
  std::vector<size_t> failed;
  for (size_t task : entry.tasks) {
    if (string_field(outcomes[task]->line, "verdict") != "pass") {
      failed.push_back(task);
    }
  }
  size_t runs = entry.tasks.size();
  std::string negative = entry.scenario->expect_violation.empty()
                             ? ""
                             : " (negative: expects " + entry.scenario->expect_violation + ")";
  if (failed.empty()) {
    fmt::print(out, "PASS  {}: {} seed{}{}\n", name, runs, runs == 1 ? "" : "s", negative);
    return;
  }
  fmt::print(out, "FAIL  {}: {} of {} seed{} failed{}\n", name, failed.size(), runs,
             runs == 1 ? "" : "s", negative);
  for (size_t task : failed) {
    fmt::print(out, "  seed {}: {}\n", tasks[task].seed,
               printable(failure_message(outcomes[task]->line, *entry.scenario)));
  }
  fmt::print(out, "  replay: {}\n",
             run_command_for(program, entry.path, tasks[failed.front()].seed, false));
}

// Parses every file and lays out its runs.
std::vector<ScenarioEntry> load_entries(const std::string& dir,
                                        const std::vector<std::string>& names,
                                        std::vector<SeedTask>& tasks) {
  std::vector<ScenarioEntry> entries;
  for (const std::string& name : names) {
    ScenarioEntry entry;
    entry.path = (std::filesystem::path(dir) / name).string();
    entry.stem = std::filesystem::path(name).stem().string();
    Result<HashedScenario> scenario = load_hashed_scenario(entry.path);
    if (!scenario) {
      entry.error = scenario.error();
    } else {
      entry.scenario = std::move(scenario->scenario);
      entry.scenario_hash = std::move(scenario->hash);
    }
    entries.push_back(std::move(entry));
  }
  // Tasks point at the scenarios: laid out once `entries` no longer moves.
  for (ScenarioEntry& entry : entries) {
    if (!entry.scenario) {
      continue;
    }
    std::vector<uint64_t> seeds = entry.scenario->seeds;
    if (seeds.empty()) {
      seeds.push_back(entry.scenario->seed);
    }
    for (uint64_t seed : seeds) {
      entry.tasks.push_back(tasks.size());
      tasks.push_back(
          SeedTask{&*entry.scenario, entry.path, entry.scenario_hash, seed, false, false, ""});
    }
    entry.remaining = entry.tasks.size();
  }
  return entries;
}

// Every run of every scenario, and what each came to.
struct TestRun {
  std::vector<SeedTask> tasks;
  std::vector<ScenarioEntry> entries;
  std::vector<std::optional<SeedOutcome>> outcomes;  // per task
};

// Runs every task in the worker pool, printing each scenario's line as soon as it and every
// scenario before it are done (so the lines come in file order for any --jobs).
Result<PoolEnd> run_tests(TestRun& run, const TestCommandOptions& options, std::FILE* out,
                          std::FILE* err) {
  std::vector<size_t> entry_of_task(run.tasks.size());
  for (size_t index = 0; index < run.entries.size(); ++index) {
    for (size_t task : run.entries[index].tasks) {
      entry_of_task[task] = index;
    }
  }
  run.outcomes.assign(run.tasks.size(), std::nullopt);
  size_t next_to_print = 0;
  Progress progress(err, run.tasks.size(), "test " + options.dir);
  auto print_ready = [&] {
    while (next_to_print < run.entries.size() && run.entries[next_to_print].remaining == 0) {
      progress.clear_line();
      print_scenario_line(out, run.entries[next_to_print++], run.tasks, run.outcomes,
                          options.program);
    }
    std::fflush(out);
  };
  print_ready();
  WorkerPoolCallbacks callbacks;
  callbacks.work = [&](size_t task) { return run_seed_task(run.tasks[task]); };
  callbacks.done = [&](size_t task, WorkerOutcome worker) {
    run.outcomes[task] = seed_outcome(run.tasks[task], std::move(worker));
    progress.seed_done(string_field(run.outcomes[task]->line, "verdict") == "pass");
    --run.entries[entry_of_task[task]].remaining;
    print_ready();
  };
  callbacks.tick = [&] { progress.tick(); };
  Result<PoolEnd> end =
      run_worker_pool(run.tasks.size(), options.jobs.value_or(available_cores()), callbacks);
  progress.finish();
  return end;
}

JunitSuite make_suite(const TestRun& run, const std::string& name, const std::string& program) {
  JunitSuite suite{name, {}};
  for (const ScenarioEntry& entry : run.entries) {
    if (entry.error) {
      suite.cases.push_back({name + "." + entry.stem, "scenario file", 0, JunitCase::Outcome::error,
                             entry.error->to_string(), "bad_scenario",
                             entry.error->unescaped_text() + "\n"});
      continue;
    }
    for (size_t task : entry.tasks) {
      suite.cases.push_back(
          junit_case(name, entry, run.tasks[task].seed, *run.outcomes[task], program));
    }
  }
  return suite;
}

}  // namespace

int test_command(const TestCommandOptions& options, std::FILE* out, std::FILE* err) {
  Result<std::vector<std::string>> names = scenario_files(options.dir);
  if (!names) {
    fmt::print(err, "error: {}\n", names.error().to_string());
    return 2;
  }
  // Opened (and its path checked) before any work; written when every run is done.
  std::optional<AtomicFile> junit_file;
  if (options.junit_path) {
    // Never write the report over one of the scenarios it runs (as every command protects its
    // input): the same file under any name, hard or symbolic link included.
    for (const std::string& name : *names) {
      std::error_code error;
      std::filesystem::path scenario = std::filesystem::path(options.dir) / name;
      if (std::filesystem::equivalent(*options.junit_path, scenario, error)) {
        fmt::print(err, "error: --junit: {} is the scenario {}: choose another file\n",
                   printable(*options.junit_path), printable(scenario.string()));
        return 2;
      }
    }
    Result<AtomicFile> opened = AtomicFile::open(*options.junit_path);
    if (!opened) {
      fmt::print(err, "error: --junit: {}\n", opened.error().to_string());
      return 2;
    }
    junit_file.emplace(std::move(*opened));
  }
  TestRun run;
  run.entries = load_entries(options.dir, *names, run.tasks);
  Result<PoolEnd> end = run_tests(run, options, out, err);
  if (!end || *end == PoolEnd::interrupted) {
    fmt::print(err, "{}\n", end ? "interrupted: no JUnit file written" : end.error().to_string());
    return end ? 130 : 2;
  }
  JunitSuite suite = make_suite(run, dir_name(options.dir), options.program);
  size_t failed = 0;
  for (const JunitCase& test_case : suite.cases) {
    failed += test_case.outcome != JunitCase::Outcome::passed && test_case.type != "bad_scenario";
  }
  size_t bad_files = suite.cases.size() - run.tasks.size();
  fmt::print(out, "test {}: {} scenario files, {} runs: {} passed, {} failed or crashed{}\n",
             options.dir, run.entries.size(), run.tasks.size(), run.tasks.size() - failed, failed,
             bad_files == 0 ? "" : fmt::format(", {} bad scenario files", bad_files));
  if (junit_file) {
    std::string xml = junit_xml(suite);
    std::fwrite(xml.data(), 1, xml.size(), junit_file->stream());
    if (Status committed = junit_file->commit()) {
      fmt::print(err, "error: {}\n", committed->to_string());
      return 2;
    }
    fmt::print(out, "JUnit XML written to {}\n", *options.junit_path);
  }
  return bad_files > 0 ? 2 : failed > 0 ? 1 : 0;
}

}  // namespace faultline
