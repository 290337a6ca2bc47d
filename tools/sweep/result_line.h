// File: result_line.h
// The per-seed result line of a sweep (docs: README "Sweeping seeds"; /work/plan schema): one
// JSON object per line, keys in a fixed order, written by `faultline sweep`, read back by
// `--resume`, `sweep merge` and `faultline replay`. Owns that order and the reading rules: a
// line read back has a scenario, a seed, swarm and a known verdict, or it is refused.
//
//   {"scenario":"s.yaml","scenario_hash":"89abcdef01234567","seed":17,"swarm":false,
//    "verdict":"fail","kind":"safety_violation","check":"raft.election_safety","node":"n3",
//    "failed_at_ns":1234567,"trace_hash":"0123456789abcdef","events":123456,"wall_s":0.123}
//
// scenario_hash is the FNV-1a 64 of the scenario file's bytes (scenario_file_hash), so that a
// results file is never resumed, merged or replayed against another version of its scenario.
// Lines written before it existed have none and are read as they are.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/base/result.h"
#include "sim/runner/runner.h"
#include "tools/trace_diff.h"

namespace faultline {

using ResultLine = nlohmann::ordered_json;

// pass / fail of a finished run. `fail` carries kind (the verdict kind with underscores, or
// not_caught for a negative scenario whose expected check did not fire); check, node and
// failed_at_ns are there whenever a check fired (also when a negative scenario passed) and
// absent otherwise. No wall_s yet: the parent adds it.
ResultLine finished_run_line(const std::string& scenario_path, const std::string& scenario_hash,
                             uint64_t seed, bool swarm, const RunReport& report);

// The determinism self-check saw two hashes: both, and where the traces part (from trace_diff.h).
ResultLine nondeterministic_line(const std::string& scenario_path, const std::string& scenario_hash,
                                 uint64_t seed, bool swarm, const RunReport& first,
                                 uint64_t second_hash,
                                 const std::optional<TraceDivergence>& divergence);

// A worker that died: kind "signal" with "signal":"SIGABRT", or kind "exit" with "exit_status";
// then wall_s, then "stderr" (its last lines, joined by newlines) when it printed any.
ResultLine crash_line(const std::string& scenario_path, const std::string& scenario_hash,
                      uint64_t seed, bool swarm, const std::string& signal,
                      std::optional<int> exit_status, double wall_s,
                      const std::vector<std::string>& stderr_tail);

// Sets wall_s (seconds, to the millisecond) after events, or last; keeps a trailing stderr last.
void set_wall_seconds(ResultLine& line, double wall_s);

// The line as written: compact JSON, invalid UTF-8 replaced, no newline.
std::string format_result_line(const ResultLine& line);

// A line read back, with the fields every reader needs.
struct ResultRecord {
  ResultLine line;
  std::string scenario;
  std::string scenario_hash;  // empty in a line written before the key existed
  uint64_t seed = 0;
  bool swarm = false;
  std::string verdict;  // pass, fail, crash, nondeterministic
  bool passed() const { return verdict == "pass"; }
};

// Parses one line. Errors: not a JSON object, or scenario / seed / swarm / verdict missing or
// of the wrong type or value (the message names the key).
Result<ResultRecord> parse_result_line(const std::string& text);

// "0123456789abcdef": the scenario_hash of a scenario file's text (FNV-1a 64 of its bytes).
std::string scenario_text_hash(std::string_view text);

// The same of the file, read as load_scenario reads it. Errors: read_scenario_text's (missing,
// not a regular file, too large).
Result<std::string> scenario_file_hash(const std::string& path);

// The same result: equal once wall_s and stderr (which differ between runs) are left out.
bool same_result(const ResultLine& left, const ResultLine& right);

// Results as written when a sweep ends: by seed, then scenario, then swarm.
void sort_results(std::vector<ResultRecord>& records);

}  // namespace faultline
