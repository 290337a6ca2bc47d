// File: phase_parser.cc
// Phases: expectations, scripted faults and the nemesis.
#include "sim/scenario/phase_parser.h"

#include <fmt/format.h>
#include <algorithm>
#include <functional>
#include <map>
#include <string>

#include "sim/scenario/fault_parser.h"
#include "sim/scenario/nemesis_parser.h"
#include "sim/scenario/node_target_parser.h"
#include "sim/scenario/yaml_map.h"

namespace faultline {
namespace {

constexpr uint64_t max_leader_changes_limit = 1'000'000;

Status parse_faults(const YamlField& field, const NodeTargetParser& targets, PhaseSpec& phase) {
  if (!field.is_list()) {
    return field.expected("a list of faults");
  }
  for (const YamlField& element : field.elements()) {
    Result<FaultSpec> fault = parse_fault(element, phase.duration, targets);
    if (!fault) {
      return fault.error();
    }
    fault->index = static_cast<uint32_t>(phase.faults.size());
    phase.faults.push_back(std::move(*fault));
  }
  std::stable_sort(
      phase.faults.begin(), phase.faults.end(),
      [](const FaultSpec& left, const FaultSpec& right) { return left.at < right.at; });
  return std::nullopt;
}

// An `expect` deadline: > 0 and at most the phase duration.
Status parse_deadline(const YamlMap& map, std::string_view key, Duration phase_duration,
                      std::optional<Duration>& out) {
  std::optional<YamlField> field = map.find(key);
  if (!field) {
    return std::nullopt;
  }
  Duration deadline;
  FL_SCENARIO_TRY(field->read_duration(deadline, DurationFloor::positive));
  if (deadline > phase_duration) {
    return field->error(fmt::format("must be at most the phase duration ({}), got '{}'",
                                    format_duration(phase_duration), field->text()));
  }
  out = deadline;
  return std::nullopt;
}

Status parse_expect(const YamlField& field, PhaseSpec& phase) {
  Result<YamlMap> map = YamlMap::open(
      field, "a map such as { leader_within: 3s, commits_resume_within: 5s }",
      {"leader_within", "commits_resume_within", "max_leader_changes", "converge_within"});
  if (!map) {
    return map.error();
  }
  // An empty `expect` would make a liveness phase (heal and restart at its start) that checks
  // nothing: almost certainly an expectation left out, not a wish.
  if (map->entries().empty()) {
    return field.error(
        "empty expect map: expected at least one of leader_within, commits_resume_within, "
        "max_leader_changes, converge_within");
  }
  FL_SCENARIO_TRY(parse_deadline(*map, "leader_within", phase.duration, phase.leader_within));
  FL_SCENARIO_TRY(
      parse_deadline(*map, "commits_resume_within", phase.duration, phase.commits_resume_within));
  FL_SCENARIO_TRY(parse_deadline(*map, "converge_within", phase.duration, phase.converge_within));
  if (std::optional<YamlField> converge = map->find("converge_within")) {
    phase.converge_within_line = converge->line();
    phase.converge_within_path = converge->path();
  }
  return read_optional(*map, "max_leader_changes", [&](const YamlField& value) -> Status {
    uint64_t changes = 0;
    FL_SCENARIO_TRY(value.read_unsigned(changes, 0, max_leader_changes_limit));
    phase.max_leader_changes = changes;
    return std::nullopt;
  });
}

// A phase with the fields that later cross-phase checks point at.
struct ParsedPhase {
  PhaseSpec spec;
  YamlField name;
  YamlField duration;
};

Result<ParsedPhase> parse_phase(const YamlField& field, const NodeTargetParser& targets) {
  Result<YamlMap> map = YamlMap::open(field, "a phase: a map with name and duration",
                                      {"name", "duration", "faults", "nemesis", "expect"});
  if (!map) {
    return map.error();
  }
  PhaseSpec phase;
  Result<YamlField> name = map->require("name");
  if (!name) {
    return name.error();
  }
  FL_SCENARIO_TRY(name->read_name(phase.name));
  Result<YamlField> duration = map->require("duration");
  if (!duration) {
    return duration.error();
  }
  FL_SCENARIO_TRY(duration->read_duration(phase.duration, DurationFloor::positive));
  if (std::optional<YamlField> faults = map->find("faults")) {
    FL_SCENARIO_TRY(parse_faults(*faults, targets, phase));
  }
  if (std::optional<YamlField> expect = map->find("expect")) {
    FL_SCENARIO_TRY(parse_expect(*expect, phase));
  }
  if (std::optional<YamlField> nemesis = map->find("nemesis")) {
    // A liveness phase judges progress after the heal at its start: random faults would make
    // that judgement meaningless.
    if (phase.is_liveness_phase()) {
      return nemesis->error(
          "a liveness phase (one with expect) cannot have a nemesis: random faults belong in a "
          "safety phase before it");
    }
    Result<NemesisSpec> spec = parse_nemesis(*nemesis, targets, phase.duration);
    if (!spec) {
      return spec.error();
    }
    phase.nemesis = *spec;
  }
  return ParsedPhase{std::move(phase), *name, *duration};
}

}  // namespace

Result<std::vector<PhaseSpec>> parse_phases(const YamlField& field, uint32_t node_count) {
  if (!field.is_list()) {
    return field.expected("a list of phases");
  }
  std::vector<YamlField> elements = field.elements();
  if (elements.empty()) {
    return field.error("empty list: expected at least one phase");
  }
  NodeTargetParser targets(node_count);
  std::vector<PhaseSpec> phases;
  phases.reserve(elements.size());
  // Phase name -> line of its first use: O(log n) per phase, so 200k phases stay near-linear.
  // Only looked up, never iterated.
  std::map<std::string, int, std::less<>> name_lines;
  Duration total;
  for (const YamlField& element : elements) {
    Result<ParsedPhase> parsed = parse_phase(element, targets);
    if (!parsed) {
      return parsed.error();
    }
    auto [first, inserted] = name_lines.try_emplace(parsed->spec.name, parsed->name.line());
    if (!inserted) {
      return parsed->name.error(fmt::format("duplicate phase name '{}' (first at line {})",
                                            parsed->spec.name, first->second));
    }
    total = total + parsed->spec.duration;
    if (total > max_scenario_duration) {
      return parsed->duration.error(
          fmt::format("the phases last more than {} in total", max_scenario_duration_text));
    }
    phases.push_back(std::move(parsed->spec));
  }
  return phases;
}

}  // namespace faultline
