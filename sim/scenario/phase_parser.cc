// File: phase_parser.cc
// Phases and their scripted faults.
#include "sim/scenario/phase_parser.h"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <string>

#include "sim/scenario/node_target_parser.h"
#include "sim/scenario/yaml_map.h"

namespace faultline {
namespace {

constexpr std::array<std::string_view, 4> fault_actions = {"partition", "heal", "crash", "restart"};

// The one action key of a fault map: an error when there are none or more than one.
Result<const YamlMap::Entry*> find_action(const YamlMap& map) {
  const YamlMap::Entry* action = nullptr;
  for (const YamlMap::Entry& entry : map.entries()) {
    if (std::find(fault_actions.begin(), fault_actions.end(), entry.key) == fault_actions.end()) {
      continue;
    }
    if (action != nullptr) {
      return entry.value.error(fmt::format("a fault has exactly one action, found '{}' and '{}'",
                                           action->key, entry.key));
    }
    action = &entry;
  }
  if (action == nullptr) {
    return map.field().error("missing action: expected one of partition, heal, crash, restart");
  }
  return action;
}

Status parse_action(const YamlMap::Entry& action, const NodeTargetParser& targets,
                    FaultSpec& fault) {
  if (action.key == "partition") {
    fault.kind = FaultSpec::Kind::partition;
    return targets.parse_partition(action.value, fault.groups);
  }
  if (action.key == "heal") {
    fault.kind = FaultSpec::Kind::heal;
    return targets.parse_heal(action.value);
  }
  if (action.key == "crash") {
    fault.kind = FaultSpec::Kind::crash;
    return targets.parse_crash(action.value, fault.targets);
  }
  fault.kind = FaultSpec::Kind::restart;
  return targets.parse_restart(action.value, fault.targets);
}

Result<FaultSpec> parse_fault(const YamlField& field, Duration phase_duration,
                              const NodeTargetParser& targets) {
  Result<YamlMap> map = YamlMap::open(field, "a fault: a map such as { at: 2s, crash: leader }",
                                      {"at", "partition", "heal", "crash", "restart"});
  if (!map) {
    return map.error();
  }
  FaultSpec fault;
  fault.line = field.line();
  Result<YamlField> at = map->require("at");
  if (!at) {
    return at.error();
  }
  FL_SCENARIO_TRY(at->read_duration(fault.at, DurationFloor::zero));
  if (fault.at >= phase_duration) {
    return at->error(fmt::format("must be less than the phase duration ({}), got '{}'",
                                 format_duration(phase_duration), at->text()));
  }
  Result<const YamlMap::Entry*> action = find_action(*map);
  if (!action) {
    return action.error();
  }
  FL_SCENARIO_TRY(parse_action(**action, targets, fault));
  return fault;
}

Status parse_faults(const YamlField& field, const NodeTargetParser& targets, PhaseSpec& phase) {
  if (!field.is_list()) {
    return field.expected("a list of faults");
  }
  for (const YamlField& element : field.elements()) {
    Result<FaultSpec> fault = parse_fault(element, phase.duration, targets);
    if (!fault) {
      return fault.error();
    }
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
  Result<YamlMap> map =
      YamlMap::open(field, "a map such as { leader_within: 3s, commits_resume_within: 5s }",
                    {"leader_within", "commits_resume_within"});
  if (!map) {
    return map.error();
  }
  // An empty `expect` would make a liveness phase (heal and restart at its start) that checks no
  // deadline: almost certainly a deadline left out, not a wish.
  if (map->entries().empty()) {
    return field.error(
        "empty expect map: expected at least one of leader_within, commits_resume_within");
  }
  FL_SCENARIO_TRY(parse_deadline(*map, "leader_within", phase.duration, phase.leader_within));
  FL_SCENARIO_TRY(
      parse_deadline(*map, "commits_resume_within", phase.duration, phase.commits_resume_within));
  return std::nullopt;
}

// A phase with the fields that later cross-phase checks point at.
struct ParsedPhase {
  PhaseSpec spec;
  YamlField name;
  YamlField duration;
};

Result<ParsedPhase> parse_phase(const YamlField& field, const NodeTargetParser& targets) {
  Result<YamlMap> map = YamlMap::open(field, "a phase: a map with name and duration",
                                      {"name", "duration", "faults", "expect"});
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
