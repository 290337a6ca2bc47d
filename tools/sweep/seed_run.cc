// File: seed_run.cc
#include "tools/sweep/seed_run.h"

#include <fmt/format.h>
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "sim/base/check.h"
#include "sim/base/rng.h"
#include "sim/base/trace.h"
#include "sim/runner/runner.h"
#include "sim/runner/scenario_mapping.h"
#include "sim/scenario/scenario_parser.h"

namespace faultline {
namespace {

// Whether the environment variable `name` (a test-only hook) names `seed`.
bool test_hook_names(const char* name, uint64_t seed) {
  const char* value = std::getenv(name);
  if (value == nullptr) {
    return false;
  }
  Result<uint64_t> parsed = parse_seed(value);
  return parsed && *parsed == seed;
}

void abort_if_test_hook_asks(uint64_t seed) {
  if (test_hook_names(test_abort_seed_variable, seed)) {
    const char* abort_seed = std::getenv(test_abort_seed_variable);
    std::fprintf(stderr, "%s=%s: aborting on seed %llu (test hook)\n", test_abort_seed_variable,
                 abort_seed, static_cast<unsigned long long>(seed));
    std::abort();
  }
}

// Runs once, writing the trace to `trace_path` when it can be created (the hashes are compared
// either way; only the divergent line needs the files).
RunReport run_with_trace(const Scenario& scenario, uint64_t seed, const std::string& trace_path) {
  std::FILE* trace = std::fopen(trace_path.c_str(), "wb");
  RunOptions options;
  options.trace_stream = trace;
  RunReport report = run_scenario(scenario, seed, options);
  if (trace != nullptr) {
    std::fclose(trace);
  }
  return report;
}

std::string answer(const ResultLine& line, const std::string& message,
                   const std::vector<std::string>& last_lines) {
  ResultLine text;
  text["line"] = line;
  text["message"] = message;
  text["last_lines"] = last_lines;
  return format_result_line(text);
}

std::string self_checked_answer(const SeedTask& task, const Scenario& scenario) {
  std::string stem = fmt::format("{}/seed-{}-{}", task.temporary_dir, task.seed, ::getpid());
  std::string first_path = stem + "-first.trace";
  std::string second_path = stem + "-second.trace";
  // The second run comes after the first in the same process, so the heap differs.
  RunReport first = run_with_trace(scenario, task.seed, first_path);
  uint64_t second_seed = task.seed + (test_hook_names(test_rerun_seed_variable, task.seed) ? 1 : 0);
  RunReport second = run_with_trace(scenario, second_seed, second_path);
  std::string text;
  if (first.trace_hash == second.trace_hash) {
    text = answer(
        finished_run_line(task.scenario_path, task.scenario_hash, task.seed, task.swarm, first),
        first.verdict.message, first.verdict.last_trace_lines);
  } else {
    Result<std::optional<TraceDivergence>> divergence = first_divergence(first_path, second_path);
    std::optional<TraceDivergence> where = divergence ? *divergence : std::nullopt;
    std::vector<std::string> last_lines = where ? where->context : std::vector<std::string>{};
    std::string message =
        fmt::format("the same seed ran twice gave trace hashes {} and {}",
                    format_hash(first.trace_hash), format_hash(second.trace_hash));
    if (where) {
      message += fmt::format("; the traces part at line {}: '{}' / '{}'", where->line,
                             where->first.value_or("(end)"), where->second.value_or("(end)"));
    }
    text = answer(nondeterministic_line(task.scenario_path, task.scenario_hash, task.seed,
                                        task.swarm, first, second.trace_hash, where),
                  message, last_lines);
  }
  std::remove(first_path.c_str());
  std::remove(second_path.c_str());
  return text;
}

}  // namespace

Result<HashedScenario> load_hashed_scenario(const std::string& path) {
  Result<std::string> text = read_scenario_text(path);
  if (!text) {
    return text.error();
  }
  Result<Scenario> scenario = parse_scenario(*text, path);
  if (!scenario) {
    return scenario.error();
  }
  return HashedScenario{std::move(*scenario), scenario_text_hash(*text)};
}

bool in_self_check_sample(uint64_t seed, uint32_t percent) {
  return mix64(seed) % 100 < percent;
}

std::string run_seed_task(const SeedTask& task) {
  abort_if_test_hook_asks(task.seed);
  Scenario scenario = *task.scenario;
  if (task.swarm) {
    Result<std::string> swarm = apply_swarm(scenario, task.seed);
    // The parent applied swarm once before any work: only a bug can fail here.
    FL_CHECK(swarm.ok(), "apply_swarm failed in a worker: {}", swarm.error().to_string());
  }
  if (task.self_check) {
    return self_checked_answer(task, scenario);
  }
  RunReport report = run_scenario(scenario, task.seed);
  return answer(
      finished_run_line(task.scenario_path, task.scenario_hash, task.seed, task.swarm, report),
      report.verdict.message, report.verdict.last_trace_lines);
}

SeedOutcome seed_outcome(const SeedTask& task, WorkerOutcome worker) {
  SeedOutcome outcome;
  if (worker.kind == WorkerOutcome::Kind::answered) {
    ResultLine text = ResultLine::parse(worker.answer, nullptr, /*allow_exceptions=*/false);
    if (!text.is_discarded() && text.is_object() && text.contains("line") &&
        text["line"].is_object()) {
      outcome.line = std::move(text["line"]);
      set_wall_seconds(outcome.line, worker.wall_seconds);
      if (text.contains("message") && text["message"].is_string()) {
        outcome.message = text["message"].get<std::string>();
      }
      if (text.contains("last_lines") && text["last_lines"].is_array()) {
        for (const ResultLine& line : text["last_lines"]) {
          if (line.is_string()) {
            outcome.last_lines.push_back(line.get<std::string>());
          }
        }
      }
      return outcome;
    }
    worker.kind = WorkerOutcome::Kind::exited;  // exit 0 with an answer nobody can read
    worker.exit_status = 0;
  }
  bool signaled = worker.kind == WorkerOutcome::Kind::signaled;
  std::string signal = signaled ? signal_name(worker.signal_number) : "";
  outcome.line = crash_line(task.scenario_path, task.scenario_hash, task.seed, task.swarm, signal,
                            signaled ? std::nullopt : std::optional<int>(worker.exit_status),
                            worker.wall_seconds, worker.stderr_tail);
  outcome.message = signaled ? fmt::format("the worker was killed by {}", signal)
                             : fmt::format("the worker exited with status {}", worker.exit_status);
  outcome.last_lines = std::move(worker.stderr_tail);
  return outcome;
}

}  // namespace faultline
