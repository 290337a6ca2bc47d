// File: shrink_command.cc
// `faultline shrink` (shrink_command.h): the input's run, the starting tree, the search, the
// final check and the file.
#include "tools/shrink_command.h"

#include <fmt/format.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "sim/base/rng.h"
#include "sim/runner/runner.h"
#include "sim/runner/scenario_mapping.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/yaml_document.h"
#include "tools/atomic_file.h"
#include "tools/scenario_emit.h"
#include "tools/shell_quote.h"
#include "tools/shrink_search.h"

namespace faultline {
namespace {

std::string default_out_path(const std::string& scenario_path) {
  return std::filesystem::path(scenario_path).stem().string() + ".shrunk.yaml";
}

Result<std::string> read_text(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  if (!file.good() && !file.eof()) {
    return Error{"cannot read the scenario", path, 0, ""};
  }
  return text.str();
}

// True when some phase's nemesis still draws at random (rates, or `{}` under --swarm).
bool has_random_nemesis(const Scenario& scenario) {
  for (const PhaseSpec& phase : scenario.phases) {
    if (phase.nemesis && !phase.nemesis->timeline) {
      return true;
    }
  }
  return false;
}

// The input file's text, or (when a nemesis draws at random) the run's random faults written
// out as timelines by helper C's emitter (tools/scenario_emit.h): seed and swarm choices
// included, so the search drops timeline entries like scripted faults.
Result<std::string> start_text(const ShrinkCommandOptions& options, uint64_t seed,
                               const Scenario& scenario, const RunReport& report) {
  if (has_random_nemesis(scenario)) {
    return emit_scenario_yaml(options.scenario_path, seed, options.swarm, report);
  }
  return read_text(options.scenario_path);
}

// The tree the search starts from, with `seed:` set and every nemesis a timeline. The scripted
// faults keep the lines they have in the input file (the emitter changes only nemeses and seed).
Result<ShrinkTree> start_tree(const ShrinkCommandOptions& options, uint64_t seed,
                              const Scenario& scenario, const RunReport& report) {
  Result<std::string> text = start_text(options, seed, scenario, report);
  if (!text.ok()) {
    return text.error();
  }
  Result<YAML::Node> root = load_single_document(*text, options.scenario_path);
  Result<std::string> input = read_text(options.scenario_path);
  if (!root.ok() || !input.ok()) {
    return root.ok() ? input.error() : root.error();
  }
  Result<YAML::Node> input_root = load_single_document(*input, options.scenario_path);
  if (!input_root.ok()) {
    return input_root.error();
  }
  ShrinkTree tree = tree_from_input(*root);
  ShrinkTree input_tree = tree_from_input(*input_root);
  bool same_faults = input_tree.fault_lines.size() == tree.fault_lines.size();
  for (size_t phase = 0; same_faults && phase < tree.fault_lines.size(); ++phase) {
    same_faults = input_tree.fault_lines[phase].size() == tree.fault_lines[phase].size();
  }
  for (size_t phase = 0; phase < tree.fault_lines.size(); ++phase) {
    for (size_t index = 0; index < tree.fault_lines[phase].size(); ++index) {
      tree.fault_lines[phase][index] = same_faults ? input_tree.fault_lines[phase][index] : 0;
    }
  }
  set_seed(tree.root, seed);
  return tree;
}

struct TreeCounts {
  size_t faults = 0;
  size_t timeline = 0;
  size_t phases = 0;
  Duration duration;
  std::string clients;
};

TreeCounts counts_of(const ShrinkTree& tree) {
  const YAML::Node& root = tree.root;
  const YAML::Node workload = root["workload"];
  std::string clients = "0";
  if (workload.IsDefined() && workload.IsMap() && workload["clients"].IsDefined()) {
    clients = workload["clients"].as<std::string>();
  }
  return TreeCounts{tree.total_size(ShrinkList::faults), tree.total_size(ShrinkList::timeline),
                    tree.phase_count(), tree.total_duration(), clients};
}

struct ShrinkInput {
  Scenario scenario;  // as the input runs (swarm choices applied)
  uint64_t seed = 0;
  std::string out_path;
};

// Reads the scenario and the options; 0, or 2 after printing why.
int prepare(const ShrinkCommandOptions& options, std::FILE* err, ShrinkInput& input) {
  if (options.max_runs < min_shrink_runs) {
    fmt::print(err, "error: --max-runs must be at least {}\n", min_shrink_runs);
    return 2;
  }
  Result<Scenario> scenario = load_scenario(options.scenario_path);
  if (!scenario.ok()) {
    fmt::print(err, "error: {}\n", scenario.error().to_string());
    return 2;
  }
  input.seed = scenario->seed;
  if (options.seed_text) {
    Result<uint64_t> parsed = parse_seed(*options.seed_text);
    if (!parsed.ok()) {
      fmt::print(err, "error: --seed: {}\n", parsed.error().to_string());
      return 2;
    }
    input.seed = *parsed;
  }
  if (options.swarm) {
    Result<std::string> swarm = apply_swarm(*scenario, input.seed);
    if (!swarm.ok()) {
      fmt::print(err, "error: {}\n", swarm.error().to_string());
      return 2;
    }
  }
  input.scenario = std::move(*scenario);
  input.out_path = options.out_path.value_or(default_out_path(options.scenario_path));
  return 0;
}

// The three comment lines (shrink_header_lines) the written file starts with.
std::string output_header(const ShrinkCommandOptions& options, const ShrinkInput& input,
                          const RunReport& report) {
  return fmt::format(
      "# Shrunk from {} by faultline shrink (seed {}{}).\n"
      "# On its own: {}.\n"
      "# Run it: faultline run {}\n",
      printable(options.scenario_path), input.seed, options.swarm ? ", swarm" : "",
      printable(describe_failure(report)), printable(input.out_path));
}

void print_summary(std::FILE* out, const TreeCounts& before, const TreeCounts& after,
                   const ShrinkSearch& search, const ShrinkJudge& judge) {
  fmt::print(out,
             "summary: faults {} -> {} (scripted {} -> {}, timeline {} -> {}), phases {} -> {}, "
             "duration {} -> {}, clients {} -> {}\n",
             before.faults + before.timeline, after.faults + after.timeline, before.faults,
             after.faults, before.timeline, after.timeline, before.phases, after.phases,
             format_duration(before.duration), format_duration(after.duration), before.clients,
             after.clients);
  fmt::print(out,
             "  {} reductions kept, {} runs of at most {}, {} candidates rejected by the parser\n",
             search.reductions(), judge.runs(), judge.max_runs(), judge.rejected_by_parser());
  if (search.reductions() == 0 && !judge.exhausted()) {
    fmt::print(out, "  nothing could be removed: the scenario is already minimal\n");
  }
  if (judge.exhausted()) {
    fmt::print(out, "  stopped at --max-runs {}: a larger budget may shrink it further\n",
               judge.max_runs());
  }
}

// Checks the final text once more, as `faultline run FILE` will read it, then writes it.
int finish(const ShrinkCommandOptions& options, const ShrinkInput& input, ShrinkJudge& judge,
           const ShrinkSearch& search, const TreeCounts& before, AtomicFile& file, std::FILE* out,
           std::FILE* err) {
  const ShrinkState& state = search.state();
  std::string text = emit_tree(state.tree.root, output_header(options, input, state.report));
  Result<RunReport> check = judge.run_text(text, input.out_path);
  if (!check.ok() || !reproduces(*check, judge.target())) {
    fmt::print(err,
               "error: the shrunk scenario, run once more, does not fail like the input ({}): "
               "a determinism bug, please report it with the input and the seed\n",
               check.ok() ? describe_failure(*check) : check.error().to_string());
    return 1;
  }
  print_summary(out, before, counts_of(state.tree), search, judge);
  fmt::print(out, "verified: run alone, {}\n", describe_failure(*check));
  std::fwrite(text.data(), 1, text.size(), file.stream());
  if (Status committed = file.commit()) {
    fmt::print(err, "error: {}\n", committed->to_string());
    return 2;
  }
  fmt::print(out, "wrote {}\n", printable(input.out_path));
  fmt::print(
      out, "run it: {} run {}{}\n", shell_quote(options.program), shell_quote(input.out_path),
      judge.target().negative ? "  (a negative scenario: exit 0, its expected check fires)" : "");
  return 0;
}

}  // namespace

int shrink_command(const ShrinkCommandOptions& options, std::FILE* out, std::FILE* err) {
  ShrinkInput input;
  if (int status = prepare(options, err, input)) {
    return status;
  }
  Result<AtomicFile> file = AtomicFile::open(input.out_path, options.scenario_path);
  if (!file.ok()) {
    fmt::print(err, "error: {}\n", file.error().to_string());
    return 2;
  }
  fmt::print(out, "faultline shrink {} seed={}{}\n", printable(options.scenario_path), input.seed,
             options.swarm ? " swarm" : "");
  RunReport report = run_scenario(input.scenario, input.seed);
  std::optional<ShrinkTarget> target = target_of(report);
  if (!target) {
    fmt::print(out, "{} does not fail with seed {} ({}{}): nothing to shrink\n",
               printable(options.scenario_path), input.seed, describe_failure(report),
               report.expect_violation.empty()
                   ? ""
                   : fmt::format("; its expected check {} does not fire", report.expect_violation));
    return 1;
  }
  fmt::print(out, "target: {}\n", describe_failure(report));
  Result<ShrinkTree> tree = start_tree(options, input.seed, input.scenario, report);
  if (!tree.ok()) {
    fmt::print(err, "error: {}\n", tree.error().to_string());
    return 2;
  }
  ShrinkJudge judge(*target, options.scenario_path, options.max_runs, 1);
  std::optional<RunReport> baseline = judge.judge(*tree);
  if (!baseline) {
    fmt::print(out,
               "the scenario written back as YAML does not fail the same way: nothing to shrink\n");
    return 1;
  }
  TreeCounts before = counts_of(*tree);
  fmt::print(out,
             "start: faults {} (scripted {}, timeline {}), phases {}, duration {}, clients {}\n",
             before.faults + before.timeline, before.faults, before.timeline, before.phases,
             format_duration(before.duration), before.clients);
  std::fflush(out);
  ShrinkSearch search(ShrinkState{std::move(*tree), std::move(*baseline)}, judge, out);
  search.run();
  return finish(options, input, judge, search, before, *file, out, err);
}

}  // namespace faultline
