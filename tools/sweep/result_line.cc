// File: result_line.cc
#include "tools/sweep/result_line.h"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <tuple>

#include "sim/base/rng.h"
#include "sim/base/trace.h"
#include "sim/scenario/scenario_parser.h"

namespace faultline {
namespace {

ResultLine line_head(const std::string& scenario_path, const std::string& scenario_hash,
                     uint64_t seed, bool swarm, std::string_view verdict) {
  ResultLine line;
  line["scenario"] = scenario_path;
  line["scenario_hash"] = scenario_hash;
  line["seed"] = seed;
  line["swarm"] = swarm;
  line["verdict"] = verdict;
  return line;
}

// "safety violation" -> "safety_violation".
std::string kind_key(std::string_view kind_name) {
  std::string key(kind_name);
  std::replace(key.begin(), key.end(), ' ', '_');
  return key;
}

double round_to_millisecond(double seconds) {
  return std::round(seconds * 1000.0) / 1000.0;
}

}  // namespace

ResultLine finished_run_line(const std::string& scenario_path, const std::string& scenario_hash,
                             uint64_t seed, bool swarm, const RunReport& report) {
  ResultLine line =
      line_head(scenario_path, scenario_hash, seed, swarm, report.passed() ? "pass" : "fail");
  const Verdict& verdict = report.verdict;
  if (!report.passed()) {
    line["kind"] = report.expect_violation.empty() ? kind_key(verdict.kind_name()) : "not_caught";
  }
  if (!verdict.passed()) {
    line["check"] = verdict.check;
    if (!verdict.node.is_none()) {
      line["node"] = verdict.node.name();
    }
    line["failed_at_ns"] = verdict.at.ns;
  }
  line["trace_hash"] = format_hash(report.trace_hash);
  line["events"] = report.events;
  return line;
}

ResultLine nondeterministic_line(const std::string& scenario_path, const std::string& scenario_hash,
                                 uint64_t seed, bool swarm, const RunReport& first,
                                 uint64_t second_hash,
                                 const std::optional<TraceDivergence>& divergence) {
  ResultLine line = line_head(scenario_path, scenario_hash, seed, swarm, "nondeterministic");
  line["trace_hash"] = format_hash(first.trace_hash);
  line["trace_hash_rerun"] = format_hash(second_hash);
  if (divergence) {
    ResultLine where;
    where["line"] = divergence->line;
    if (divergence->first) {
      where["first"] = *divergence->first;
    }
    if (divergence->second) {
      where["second"] = *divergence->second;
    }
    line["divergence"] = std::move(where);
  }
  line["events"] = first.events;
  return line;
}

ResultLine crash_line(const std::string& scenario_path, const std::string& scenario_hash,
                      uint64_t seed, bool swarm, const std::string& signal,
                      std::optional<int> exit_status, double wall_s,
                      const std::vector<std::string>& stderr_tail) {
  ResultLine line = line_head(scenario_path, scenario_hash, seed, swarm, "crash");
  if (exit_status) {
    line["kind"] = "exit";
    line["exit_status"] = *exit_status;
  } else {
    line["kind"] = "signal";
    line["signal"] = signal;
  }
  line["wall_s"] = round_to_millisecond(wall_s);
  if (!stderr_tail.empty()) {
    std::string text;
    for (const std::string& stderr_line : stderr_tail) {
      text += (text.empty() ? "" : "\n") + stderr_line;
    }
    line["stderr"] = text;
  }
  return line;
}

void set_wall_seconds(ResultLine& line, double wall_s) {
  line["wall_s"] = round_to_millisecond(wall_s);
}

std::string format_result_line(const ResultLine& line) {
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Result<ResultRecord> parse_result_line(const std::string& text) {
  ResultLine line = ResultLine::parse(text, nullptr, /*allow_exceptions=*/false);
  if (line.is_discarded() || !line.is_object()) {
    return Error::make("not a JSON object");
  }
  ResultRecord record;
  auto missing = [](std::string_view key, std::string_view what) {
    return Error::make(fmt::format("key '{}': expected {}", key, what));
  };
  if (!line.contains("scenario") || !line["scenario"].is_string()) {
    return missing("scenario", "a string");
  }
  if (!line.contains("seed") || !line["seed"].is_number_unsigned()) {
    return missing("seed", "an unsigned integer");
  }
  if (!line.contains("swarm") || !line["swarm"].is_boolean()) {
    return missing("swarm", "true or false");
  }
  constexpr std::string_view verdicts[] = {"pass", "fail", "crash", "nondeterministic"};
  if (!line.contains("verdict") || !line["verdict"].is_string() ||
      std::find(std::begin(verdicts), std::end(verdicts), line["verdict"].get<std::string>()) ==
          std::end(verdicts)) {
    return missing("verdict", "pass, fail, crash or nondeterministic");
  }
  // The optional keys the readers use (summary, merge, replay) must have their types too: a line
  // edited by hand or damaged in place is refused here, naming the key, rather than read later.
  for (std::string_view key : {"scenario_hash", "kind", "check", "node", "signal", "trace_hash",
                               "trace_hash_rerun", "stderr"}) {
    if (line.contains(key) && !line[std::string(key)].is_string()) {
      return missing(key, "a string");
    }
  }
  for (std::string_view key : {"failed_at_ns", "exit_status"}) {
    if (line.contains(key) && !line[std::string(key)].is_number_integer()) {
      return missing(key, "an integer");
    }
  }
  if (line.contains("events") && !line["events"].is_number_unsigned()) {
    return missing("events", "an unsigned integer");
  }
  if (line.contains("wall_s") && !line["wall_s"].is_number()) {
    return missing("wall_s", "a number");
  }
  if (line.contains("divergence")) {
    const ResultLine& where = line["divergence"];
    if (!where.is_object() || !where.contains("line") || !where["line"].is_number_unsigned() ||
        (where.contains("first") && !where["first"].is_string()) ||
        (where.contains("second") && !where["second"].is_string())) {
      return missing("divergence", "{\"line\":N, \"first\":\"...\", \"second\":\"...\"}");
    }
  }
  record.scenario = line["scenario"].get<std::string>();
  record.scenario_hash = line.value("scenario_hash", "");
  record.seed = line["seed"].get<uint64_t>();
  record.swarm = line["swarm"].get<bool>();
  record.verdict = line["verdict"].get<std::string>();
  record.line = std::move(line);
  return record;
}

std::string scenario_text_hash(std::string_view text) {
  return format_hash(fnv1a(text));
}

Result<std::string> scenario_file_hash(const std::string& path) {
  Result<std::string> text = read_scenario_text(path);
  if (!text) {
    return text.error();
  }
  return scenario_text_hash(*text);
}

bool same_result(const ResultLine& left, const ResultLine& right) {
  ResultLine left_copy = left;
  ResultLine right_copy = right;
  for (ResultLine* copy : {&left_copy, &right_copy}) {
    copy->erase("wall_s");
    copy->erase("stderr");
  }
  return left_copy == right_copy;
}

void sort_results(std::vector<ResultRecord>& records) {
  std::stable_sort(records.begin(), records.end(),
                   [](const ResultRecord& left, const ResultRecord& right) {
                     return std::tie(left.seed, left.scenario, left.swarm) <
                            std::tie(right.seed, right.scenario, right.swarm);
                   });
}

}  // namespace faultline
