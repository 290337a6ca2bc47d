// File: replay_command.cc
#include "tools/replay_command.h"

#include <fmt/format.h>

#include "sim/base/rng.h"
#include "sim/base/time.h"
#include "sim/base/trace.h"
#include "tools/run_command.h"
#include "tools/sweep/result_line.h"

namespace faultline {
namespace {

// What replay takes from a sweep result line (tools/sweep/result_line.h owns the schema).
struct SweepResult {
  std::string scenario_path;
  std::string scenario_hash;  // empty in a line written before the key existed
  uint64_t seed = 0;
  bool swarm = false;
  std::optional<std::string> trace_hash;  // absent for a crash
  std::string verdict;                    // "pass", "fail", "crash", "nondeterministic"
  std::string summary;                    // what the sweep saw, for the banner
};

Error line_error(const Error& error) {
  return Error{"result line: " + error.message, error.file, error.line, error.key};
}

Result<SweepResult> read_result_line(const std::string& text) {
  Result<ResultRecord> record = parse_result_line(text);
  if (!record.ok()) {
    return line_error(record.error());
  }
  SweepResult result;
  result.scenario_path = record->scenario;
  result.scenario_hash = record->scenario_hash;
  result.seed = record->seed;
  result.swarm = record->swarm;
  result.verdict = record->verdict;
  const nlohmann::ordered_json& line = record->line;
  auto hash = line.find("trace_hash");
  if (hash != line.end()) {
    if (!hash->is_string() || hash->get<std::string>().size() != 16 ||
        hash->get<std::string>().find_first_not_of("0123456789abcdef") != std::string::npos) {
      return line_error(Error::make("key 'trace_hash': expected 16 lower-case hex digits"));
    }
    result.trace_hash = hash->get<std::string>();
  }
  // The rest is for the banner only: shown as the sweep wrote it.
  for (const char* key : {"verdict", "kind", "check", "node", "failed_at_ns", "signal",
                          "exit_status", "trace_hash"}) {
    auto value = line.find(key);
    if (value != line.end()) {
      result.summary += fmt::format(" {}={}", key,
                                    value->is_string() ? value->get<std::string>() : value->dump());
    }
  }
  return result;
}

bool looks_like_json(const std::string& text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && text[first] == '{';
}

}  // namespace

int replay_command(const ReplayCommandOptions& options, std::FILE* out, std::FILE* err) {
  if (!options.trace_path) {
    fmt::print(err, "error: replay needs --trace FILE (the full trace is what a replay is for)\n");
    return 2;
  }
  RunCommandOptions run;
  run.is_replay = true;
  run.program = options.program;
  run.trace_path = options.trace_path;
  if (options.until_text) {
    Result<Duration> until = parse_duration(*options.until_text);
    if (!until.ok()) {
      fmt::print(err, "error: --until: {}\n", until.error().to_string());
      return 2;
    }
    run.until = Time{until->ns};
  }
  std::optional<SweepResult> line;
  if (looks_like_json(options.line_or_seed)) {
    Result<SweepResult> parsed = read_result_line(options.line_or_seed);
    if (!parsed.ok()) {
      fmt::print(err, "error: {}\n", parsed.error().to_string());
      return 2;
    }
    line = *parsed;
    if (options.swarm && !line->swarm) {
      fmt::print(err, "error: --swarm contradicts the result line's \"swarm\":false\n");
      return 2;
    }
    run.scenario_path = options.scenario_path.value_or(line->scenario_path);
    run.seed_text = std::to_string(line->seed);
    run.swarm = line->swarm;
    fmt::print(out, "sweep result: scenario={} seed={} swarm={}{}\n",
               printable(line->scenario_path), line->seed, line->swarm ? "true" : "false",
               printable(line->summary));
  } else {
    Result<uint64_t> seed = parse_seed(options.line_or_seed);
    if (!seed.ok()) {
      fmt::print(err, "error: replay: '{}' is neither a result line (JSON) nor a seed: {}\n",
                 printable(options.line_or_seed), seed.error().to_string());
      return 2;
    }
    if (!options.scenario_path) {
      fmt::print(err, "error: replay of a seed needs --scenario FILE\n");
      return 2;
    }
    run.scenario_path = *options.scenario_path;
    run.seed_text = std::to_string(*seed);
    run.swarm = options.swarm;
  }
  RunCommandOutcome outcome;
  run.outcome = &outcome;
  int status = run_command(run, out, err);
  if (!outcome.ran || status == 2 || !line) {
    return status;
  }
  Result<std::string> scenario_hash = scenario_file_hash(run.scenario_path);
  if (scenario_hash && !line->scenario_hash.empty() && *scenario_hash != line->scenario_hash) {
    fmt::print(out,
               "note: {} is not the file the sweep ran (its scenario_hash was {}, it is now {}): "
               "the trace may differ; restore that version to replay the seed exactly\n",
               printable(run.scenario_path), line->scenario_hash, *scenario_hash);
  }
  if (!line->trace_hash) {
    fmt::print(out, "the result line has no trace_hash (verdict {}): nothing to compare\n",
               line->verdict.empty() ? "?" : line->verdict);
    return status;
  }
  if (outcome.cut_at) {
    fmt::print(out,
               "trace_hash not compared: the run was cut at {}s (--until), the sweep's hash "
               "covers the whole run\n",
               format_time(*outcome.cut_at));
    return status;
  }
  std::string replayed = format_hash(outcome.trace_hash);
  if (replayed == *line->trace_hash) {
    fmt::print(out, "trace_hash matches the sweep ({}): seed {} reproduced\n", replayed,
               line->seed);
    return 0;
  }
  fmt::print(out,
             "NOT reproduced: the sweep recorded trace_hash={}, this replay gives {}. The same "
             "scenario and seed must give the same trace: this is a determinism bug, unless the "
             "scenario file or the build changed since the sweep. Replay it again into a second "
             "file and run `{} trace diff FIRST SECOND`: it names the first event that differs.\n",
             *line->trace_hash, replayed, options.program);
  if (line->verdict == "nondeterministic") {
    fmt::print(out,
               "(the sweep's determinism self-check already found this seed "
               "nondeterministic)\n");
  }
  return 1;
}

}  // namespace faultline
