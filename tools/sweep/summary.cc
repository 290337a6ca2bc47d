// File: summary.cc
#include "tools/sweep/summary.h"

#include <fmt/format.h>
#include <map>

#include "sim/base/time.h"
#include "tools/shell_quote.h"

namespace faultline {
namespace {

std::string string_field(const ResultLine& line, const char* key) {
  return line.contains(key) && line[key].is_string() ? line[key].get<std::string>() : "";
}

// "safety_violation at 1.234000000s on n3".
std::string failure_detail(const ResultLine& line) {
  std::string detail = string_field(line, "kind");
  if (line.contains("failed_at_ns") && line["failed_at_ns"].is_number_integer()) {
    detail += fmt::format(" at {}s", format_time(Time{line["failed_at_ns"].get<int64_t>()}));
  }
  if (line.contains("node")) {
    detail += " on " + string_field(line, "node");
  }
  return detail;
}

void print_seed_commands(std::FILE* out, const std::string& program, const ResultRecord& record) {
  fmt::print(out, "      {}\n", replay_line_command(program, record));
  fmt::print(out, "      {}\n",
             run_command_for(program, record.scenario, record.seed, record.swarm));
}

std::string seed_list_text(const std::vector<const ResultRecord*>& records) {
  std::string text;
  for (size_t i = 0; i < records.size() && i < summary_seeds_shown; ++i) {
    text += (i == 0 ? "" : ", ") + std::to_string(records[i]->seed);
  }
  if (records.size() > summary_seeds_shown) {
    text += fmt::format(", ... ({} more)", records.size() - summary_seeds_shown);
  }
  return text;
}

void print_failures(std::FILE* out, const std::string& program,
                    const std::vector<const ResultRecord*>& failures) {
  // Grouped by the check that fired; a negative scenario that no check caught is "not_caught".
  std::map<std::string, std::vector<const ResultRecord*>> by_check;
  for (const ResultRecord* record : failures) {
    std::string check = string_field(record->line, "check");
    by_check[check.empty() ? string_field(record->line, "kind") : check].push_back(record);
  }
  fmt::print(out, "failures by check:\n");
  for (const auto& [check, records] : by_check) {
    fmt::print(out, "  {}: {} seed{}: {}\n", check, records.size(), records.size() == 1 ? "" : "s",
               seed_list_text(records));
    for (size_t i = 0; i < records.size() && i < summary_seeds_shown; ++i) {
      fmt::print(out, "    seed {}: {}\n", records[i]->seed, failure_detail(records[i]->line));
      print_seed_commands(out, program, *records[i]);
    }
  }
}

void print_crashes(std::FILE* out, const std::string& program,
                   const std::vector<const ResultRecord*>& crashes) {
  fmt::print(out, "crashes: {} seed{}: {}\n", crashes.size(), crashes.size() == 1 ? "" : "s",
             seed_list_text(crashes));
  for (size_t i = 0; i < crashes.size() && i < summary_seeds_shown; ++i) {
    const ResultLine& line = crashes[i]->line;
    std::string how = line.contains("signal")
                          ? string_field(line, "signal")
                          : fmt::format("exit status {}", line.value("exit_status", -1));
    std::string stderr_text = string_field(line, "stderr");
    size_t last_newline = stderr_text.rfind('\n');
    std::string last_line =
        last_newline == std::string::npos ? stderr_text : stderr_text.substr(last_newline + 1);
    fmt::print(out, "    seed {}: {}{}\n", crashes[i]->seed, how,
               last_line.empty() ? "" : ": " + printable(last_line));
    print_seed_commands(out, program, *crashes[i]);
  }
}

void print_nondeterministic(std::FILE* out, const std::string& program,
                            const std::vector<const ResultRecord*>& seeds) {
  fmt::print(out, "nondeterministic: {} seed{}: {}\n", seeds.size(), seeds.size() == 1 ? "" : "s",
             seed_list_text(seeds));
  for (size_t i = 0; i < seeds.size() && i < summary_seeds_shown; ++i) {
    const ResultLine& line = seeds[i]->line;
    fmt::print(out, "    seed {}: trace_hash {} then {}\n", seeds[i]->seed,
               string_field(line, "trace_hash"), string_field(line, "trace_hash_rerun"));
    if (line.contains("divergence") && line["divergence"].is_object()) {
      const ResultLine& where = line["divergence"];
      fmt::print(out, "      first divergent line {}:\n        {}\n        {}\n",
                 where.value("line", uint64_t{0}), printable(string_field(where, "first")),
                 printable(string_field(where, "second")));
    }
    print_seed_commands(out, program, *seeds[i]);
  }
}

}  // namespace

std::string replay_line_command(const std::string& program, const ResultRecord& record) {
  return fmt::format("{} replay {} --trace seed-{}.trace", shell_quote(program),
                     shell_quote(format_result_line(record.line)), record.seed);
}

std::string run_command_for(const std::string& program, const std::string& scenario, uint64_t seed,
                            bool swarm) {
  return fmt::format("{} run {} --seed {}{} --trace failure.trace", shell_quote(program),
                     shell_quote(scenario), seed, swarm ? " --swarm" : "");
}

int print_summary(std::FILE* out, const std::vector<ResultRecord>& records,
                  const std::string& program) {
  std::vector<const ResultRecord*> failures;
  std::vector<const ResultRecord*> crashes;
  std::vector<const ResultRecord*> nondeterministic;
  uint64_t passed = 0;
  for (const ResultRecord& record : records) {
    if (record.verdict == "pass") {
      ++passed;
    } else if (record.verdict == "fail") {
      failures.push_back(&record);
    } else if (record.verdict == "crash") {
      crashes.push_back(&record);
    } else {
      nondeterministic.push_back(&record);
    }
  }
  fmt::print(out, "results: {} seeds: pass={} fail={} crash={} nondeterministic={}\n",
             records.size(), passed, failures.size(), crashes.size(), nondeterministic.size());
  if (!failures.empty()) {
    print_failures(out, program, failures);
  }
  if (!crashes.empty()) {
    print_crashes(out, program, crashes);
  }
  if (!nondeterministic.empty()) {
    print_nondeterministic(out, program, nondeterministic);
  }
  return passed == records.size() ? 0 : 1;
}

}  // namespace faultline
