// File: run_command.cc
#include "tools/run_command.h"

#include <fmt/format.h>
#include <cerrno>
#include <cstring>

#include "sim/base/rng.h"
#include "sim/runner/runner.h"
#include "sim/runner/scenario_mapping.h"
#include "sim/scenario/scenario_parser.h"
#include "tools/atomic_file.h"
#include "tools/history_file.h"
#include "tools/scenario_emit.h"
#include "tools/shell_quote.h"

namespace faultline {
namespace {

// The command that reproduces the run, ready to paste. A failed run's line also writes the full
// trace, which is what the user will want next, and when linearizability failed the history.
std::string replay_command(const RunCommandOptions& options, uint64_t seed,
                           const Verdict& verdict) {
  bool passed = verdict.passed();
  std::string command =
      fmt::format("{} run {} --seed {}{}", shell_quote(options.program),
                  shell_quote(options.scenario_path), seed, options.swarm ? " --swarm" : "");
  if (options.trace_path || !passed) {
    command += " --trace " + shell_quote(options.trace_path.value_or("failure.trace"));
  }
  if (options.history_path) {
    command += " --history " + shell_quote(*options.history_path);
  } else if (!passed &&
             (verdict.check == "linearizable" || verdict.check == "replication.no_lost_write")) {
    // The evidence is the history: written, it can be checked again (`faultline check`) or fed
    // to Knossos or porcupine.
    command += " --history failure-history.edn";
  }
  return command;
}

// Latencies for humans: milliseconds with microsecond precision ("11.542ms"), truncated.
std::string format_latency(Duration latency) {
  return fmt::format("{}.{:03d}ms", latency.ns / 1'000'000, (latency.ns % 1'000'000) / 1'000);
}

void print_phase(std::FILE* out, const PhaseReport& phase) {
  fmt::print(out,
             "phase {} [{}s, {}s): events={} messages sent={} delivered={} dropped={} "
             "elections={} commits={} client ok={} failed={} latency p50={} p99={}\n",
             phase.name, format_time(phase.start), format_time(phase.end), phase.events,
             phase.messages_sent, phase.messages_delivered, phase.messages_dropped, phase.elections,
             phase.commits, phase.operations_ok, phase.operations_failed,
             format_latency(phase.latency_p50), format_latency(phase.latency_p99));
  fmt::print(out, "  faults applied={} skipped={}", phase.faults_applied,
             phase.skipped_faults.size());
  if (phase.nemesis_injected != 0 || phase.nemesis_skipped != 0) {
    fmt::print(out, " nemesis injected={} skipped_for_budget={}", phase.nemesis_injected,
               phase.nemesis_skipped);
  }
  fmt::print(out, "\n");
  if (!phase.effects.empty()) {
    std::string effects;
    for (const auto& [name, count] : phase.effects) {
      effects += fmt::format(" {}={}", name, count);
    }
    fmt::print(out, "  effects:{}\n", effects);
  }
  for (const std::string& skipped : phase.skipped_faults) {
    fmt::print(out, "  skipped: {}\n", skipped);
  }
}

void print_verdict(std::FILE* out, const RunReport& report) {
  const Verdict& verdict = report.verdict;
  if (verdict.passed()) {
    fmt::print(out, "verdict: pass\n");
    return;
  }
  fmt::print(out, "verdict: FAIL ({}) check={} at={}s node={}\n  {}\n", verdict.kind_name(),
             verdict.check, format_time(verdict.at), verdict.node.name(), verdict.message);
  fmt::print(out, "last trace lines:\n");
  for (const std::string& line : verdict.last_trace_lines) {
    fmt::print(out, "  {}\n", line);
  }
}

}  // namespace

int run_command(const RunCommandOptions& options, std::FILE* out, std::FILE* err) {
  Result<Scenario> scenario = load_scenario(options.scenario_path);
  if (!scenario.ok()) {
    fmt::print(err, "error: {}\n", scenario.error().to_string());
    return 2;
  }
  uint64_t seed = scenario->seed;
  if (options.seed_text) {
    Result<uint64_t> parsed = parse_seed(*options.seed_text);
    if (!parsed.ok()) {
      fmt::print(err, "error: --seed: {}\n", parsed.error().to_string());
      return 2;
    }
    seed = *parsed;
  }
  std::string swarm_choice;
  if (options.swarm) {
    Result<std::string> swarm = apply_swarm(*scenario, seed);
    if (!swarm.ok()) {
      fmt::print(err, "error: {}\n", swarm.error().to_string());
      return 2;
    }
    swarm_choice = *swarm;
  }
  std::optional<AtomicFile> trace_file;
  if (options.trace_path) {
    Result<AtomicFile> opened = AtomicFile::open(*options.trace_path, options.scenario_path);
    if (!opened.ok()) {
      fmt::print(err, "error: {}\n", opened.error().to_string());
      return 2;
    }
    trace_file.emplace(std::move(opened.value()));
  }
  // The history file is opened (and its name checked) before the run, so that a bad path costs
  // nothing and no half-written file is ever left behind.
  std::optional<AtomicFile> history_file;
  HistoryFormat history_format = HistoryFormat::json;
  if (options.history_path) {
    Result<HistoryFormat> format = history_format_for_path(*options.history_path);
    if (!format.ok()) {
      fmt::print(err, "error: {}\n", format.error().to_string());
      return 2;
    }
    history_format = *format;
    Result<AtomicFile> opened = AtomicFile::open(*options.history_path, options.scenario_path);
    if (!opened.ok()) {
      fmt::print(err, "error: {}\n", opened.error().to_string());
      return 2;
    }
    history_file.emplace(std::move(opened.value()));
  }
  // Opened before the run like the others: a bad path costs nothing, and an interrupted or failed
  // run leaves no file.
  std::optional<AtomicFile> emit_file;
  if (options.emit_scenario_path) {
    Result<AtomicFile> opened =
        AtomicFile::open(*options.emit_scenario_path, options.scenario_path);
    if (!opened.ok()) {
      fmt::print(err, "error: --emit-scenario: {}\n", opened.error().to_string());
      return 2;
    }
    emit_file.emplace(std::move(opened.value()));
  }
  fmt::print(out, "faultline run {} seed={}\n", printable(options.scenario_path), seed);
  fmt::print(out, "scenario={}\n", scenario->name);
  if (options.swarm) {
    fmt::print(out, "  swarm: {}\n", swarm_choice);
  }
  for (const std::string& line : describe_parameters(*scenario)) {
    fmt::print(out, "  {}\n", line);
  }
  std::fflush(out);
  RunOptions run_options;
  run_options.trace_stream = trace_file ? trace_file->stream() : nullptr;
  RunReport report = run_scenario(*scenario, seed, run_options);
  for (const PhaseReport& phase : report.phases) {
    print_phase(out, phase);
  }
  if (!report.figures.empty()) {
    fmt::print(out, "figures:\n");
    for (const auto& [name, value] : report.figures) {
      fmt::print(out, "  {}: {}\n", name, value);
    }
  }
  print_verdict(out, report);
  if (!scenario->expect_violation.empty()) {
    // A negative scenario: a deliberately broken protocol that a checker must catch. The run
    // passes (exit 0) exactly when the expected check fires.
    fmt::print(out, "negative scenario: expects {} to fire: {}\n", scenario->expect_violation,
               report.passed() ? "caught, as expected: PASS" : "NOT caught: FAIL");
  }
  fmt::print(out, "events={} simulated_time={}s\n", report.events, format_time(report.end));
  fmt::print(out, "trace_hash={}\n", format_hash(report.trace_hash));
  if (trace_file) {
    Status committed = trace_file->commit();
    if (committed) {
      fmt::print(err, "error: {}\n", committed->to_string());
      return 2;
    }
    fmt::print(out, "trace written to {}\n", *options.trace_path);
  }
  if (history_file) {
    std::string text = format_history(report.history, history_format);
    std::fwrite(text.data(), 1, text.size(), history_file->stream());
    Status committed = history_file->commit();
    if (committed) {
      fmt::print(err, "error: {}\n", committed->to_string());
      return 2;
    }
    fmt::print(out, "history of {} operations written to {}\n", report.history.size(),
               *options.history_path);
  }
  if (emit_file) {
    Result<std::string> text =
        emit_scenario_yaml(options.scenario_path, seed, options.swarm, report);
    if (!text.ok()) {
      fmt::print(err, "error: --emit-scenario: {}\n", text.error().to_string());
      return 2;
    }
    std::fwrite(text->data(), 1, text->size(), emit_file->stream());
    Status committed = emit_file->commit();
    if (committed) {
      fmt::print(err, "error: {}\n", committed->to_string());
      return 2;
    }
    fmt::print(out, "scenario written to {} ({} nemesis decisions)\n",
               printable(*options.emit_scenario_path), nemesis_decision_count(report));
  }
  fmt::print(out, "replay: {}\n", replay_command(options, seed, report.verdict));
  if (std::fflush(out) != 0 || std::ferror(out) != 0) {
    fmt::print(err, "error: writing the report failed: {}\n", std::strerror(errno));
    return 2;
  }
  return report.passed() ? 0 : 1;
}

}  // namespace faultline
