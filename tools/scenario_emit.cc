// File: scenario_emit.cc
// The original YAML tree, each nemesis replaced by the timeline of its decisions
// (scenario_emit.h).
#include "tools/scenario_emit.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/yaml_document.h"

namespace faultline {
namespace {

std::string node_name(uint32_t number) {
  return fmt::format("n{}", number);
}

YAML::Node flow_list(const std::vector<uint32_t>& numbers) {
  YAML::Node list(YAML::NodeType::Sequence);
  list.SetStyle(YAML::EmitterStyle::Flow);
  for (uint32_t number : numbers) {
    list.push_back(node_name(number));
  }
  return list;
}

YAML::Node flow_map() {
  YAML::Node map(YAML::NodeType::Map);
  map.SetStyle(YAML::EmitterStyle::Flow);
  return map;
}

YAML::Node partition_node(const NemesisDecision& decision) {
  YAML::Node partition = flow_map();
  partition["shape"] = std::string(partition_shape_name(decision.partition_shape));
  switch (decision.partition_shape) {
    case PartitionShape::isolate:
      partition["node"] = node_name(decision.node);
      break;
    case PartitionShape::split:
      partition["minority"] = flow_list(decision.from);
      break;
    case PartitionShape::bridge: {
      partition["node"] = node_name(decision.node);
      YAML::Node halves(YAML::NodeType::Sequence);
      halves.SetStyle(YAML::EmitterStyle::Flow);
      halves.push_back(flow_list(decision.from));
      halves.push_back(flow_list(decision.to));
      partition["halves"] = halves;
      break;
    }
    case PartitionShape::ring:
      break;
    case PartitionShape::one_way:
      partition["from"] = flow_list(decision.from);
      partition["to"] = flow_list(decision.to);
      break;
  }
  return partition;
}

YAML::Node entry_node(const NemesisDecision& decision) {
  YAML::Node entry = flow_map();
  entry["at"] = format_seconds(decision.at);
  std::string kind(fault_kind_name(decision.kind));
  if (decision.skipped) {
    entry["skip"] = kind;
    entry["reason"] = decision.reason;
    entry["target"] = decision.target;
    if (decision.faulty) {
      entry["faulty"] = *decision.faulty;
    }
    return entry;
  }
  switch (decision.kind) {
    case FaultKind::partition:
      entry[kind] = partition_node(decision);
      break;
    case FaultKind::clog: {
      YAML::Node clog = flow_map();
      clog["shape"] = std::string(clog_shape_name(decision.clog_shape));
      clog["from"] = flow_list(decision.from);
      clog["to"] = flow_list(decision.to);
      entry[kind] = clog;
      break;
    }
    default:
      entry[kind] = node_name(decision.node);
  }
  if (fault_kind_has_duration(decision.kind)) {
    entry["duration"] = format_seconds(decision.duration);
  }
  if (decision.kind == FaultKind::clock_jump) {
    entry["by"] = format_seconds(decision.by);
  }
  return entry;
}

YAML::Node timeline_node(const std::vector<NemesisDecision>& decisions) {
  YAML::Node timeline(YAML::NodeType::Sequence);
  timeline.SetStyle(decisions.empty() ? YAML::EmitterStyle::Flow : YAML::EmitterStyle::Block);
  for (const NemesisDecision& decision : decisions) {
    timeline.push_back(entry_node(decision));
  }
  YAML::Node nemesis(YAML::NodeType::Map);
  nemesis.SetStyle(YAML::EmitterStyle::Block);
  nemesis["timeline"] = timeline;
  return nemesis;
}

Error emit_error(const std::string& path, std::string message) {
  return Error{std::move(message), path, 0, ""};
}

// Replaces every phase's nemesis by its timeline; errors when the file and the report disagree.
Status replace_nemeses(YAML::Node& root, const std::string& path, const RunReport& report) {
  YAML::Node phases = root["phases"];
  if (!phases.IsSequence()) {
    return emit_error(path, "cannot emit: the scenario has no list of phases any more");
  }
  for (size_t index = 0; index < phases.size(); ++index) {
    YAML::Node phase = phases[index];
    bool file_has = phase.IsMap() && phase["nemesis"].IsDefined();
    bool reached = index < report.phases.size();
    if (reached && file_has != report.phases[index].has_nemesis) {
      return emit_error(path, fmt::format("cannot emit: phase {} of the file {} a nemesis and the "
                                          "run's did not (was the file changed?)",
                                          index, file_has ? "has" : "has no"));
    }
    if (file_has) {
      // Block style down to the timeline, whatever the file used: one entry per line.
      phases.SetStyle(YAML::EmitterStyle::Block);
      phase.SetStyle(YAML::EmitterStyle::Block);
      phase["nemesis"] = timeline_node(reached ? report.phases[index].nemesis_decisions
                                               : std::vector<NemesisDecision>{});
    }
  }
  if (report.phases.size() > phases.size()) {
    return emit_error(path, "cannot emit: the scenario has fewer phases than the run");
  }
  return std::nullopt;
}

// The top-level map with `seed` set, placed right after `name` (or first). A `seeds` list (the
// seeds `faultline test` runs) is dropped: the emitted file is about this one seed.
YAML::Node with_seed(const YAML::Node& root, uint64_t seed) {
  YAML::Node result(YAML::NodeType::Map);
  bool placed = false;
  if (!root["name"].IsDefined()) {
    result["seed"] = seed;
    placed = true;
  }
  for (const auto& pair : root) {
    std::string key = pair.first.Scalar();
    if (key == "seed" || key == "seeds") {
      continue;
    }
    result[pair.first] = pair.second;
    if (key == "name" && !placed) {
      result["seed"] = seed;
      placed = true;
    }
  }
  return result;
}

}  // namespace

std::string format_seconds(Duration duration) {
  if (duration.ns == 0) {
    return "0s";
  }
  // |ns| <= 9.2e18 and Duration bounds keep the negation in range (no INT64_MIN duration).
  uint64_t magnitude = duration.ns < 0 ? static_cast<uint64_t>(-(duration.ns + 1)) + 1
                                       : static_cast<uint64_t>(duration.ns);
  std::string text = fmt::format("{}{}", duration.ns < 0 ? "-" : "", magnitude / 1'000'000'000);
  uint64_t fraction = magnitude % 1'000'000'000;
  if (fraction != 0) {
    std::string digits = fmt::format("{:09d}", fraction);
    digits.erase(digits.find_last_not_of('0') + 1);
    text += "." + digits;
  }
  return text + "s";
}

std::string format_timeline_entry(const NemesisDecision& decision) {
  YAML::Emitter out;
  out << entry_node(decision);
  return out.c_str();
}

uint64_t nemesis_decision_count(const RunReport& report) {
  uint64_t count = 0;
  for (const PhaseReport& phase : report.phases) {
    count += phase.nemesis_decisions.size();
  }
  return count;
}

Result<std::string> emit_scenario_yaml(const std::string& scenario_path, uint64_t seed, bool swarm,
                                       const RunReport& report) {
  Result<std::string> text = read_scenario_text(scenario_path);
  if (!text) {
    return text.error();
  }
  Result<YAML::Node> document = load_single_document(*text, scenario_path);
  if (!document) {
    return document.error();
  }
  std::string emitted;
  try {
    YAML::Node root = *document;
    if (!root.IsMap()) {
      return emit_error(scenario_path, "cannot emit: the scenario is not a map any more");
    }
    if (Status replaced = replace_nemeses(root, scenario_path, report)) {
      return *replaced;
    }
    YAML::Emitter out;
    out.SetIndent(2);
    out << with_seed(root, seed);
    if (!out.good()) {
      return emit_error(scenario_path, fmt::format("cannot emit: {}", out.GetLastError()));
    }
    // A comment must stay one line: the path is shown without control characters.
    emitted = fmt::format(
        "# faultline run {} --seed {}{} --emit-scenario\n"
        "# Every nemesis is the timeline of what that run's nemesis decided; running this file\n"
        "# (no --seed, no --swarm) gives the same trace hash.\n{}\n",
        printable(scenario_path), seed, swarm ? " --swarm" : "", out.c_str());
  } catch (const YAML::Exception& exception) {
    return emit_error(scenario_path, fmt::format("cannot emit: {}", exception.what()));
  }
  // Assert in pairs: what we write must read back, with exactly the decisions taken.
  Result<Scenario> parsed = parse_scenario(emitted, scenario_path);
  if (!parsed) {
    return emit_error(scenario_path,
                      fmt::format("cannot emit: the emitted scenario does not parse: {}",
                                  parsed.error().to_string()));
  }
  for (size_t index = 0; index < report.phases.size(); ++index) {
    const std::optional<NemesisSpec>& nemesis = parsed->phases[index].nemesis;
    if (report.phases[index].has_nemesis &&
        (!nemesis || nemesis->timeline != report.phases[index].nemesis_decisions)) {
      return emit_error(scenario_path,
                        fmt::format("cannot emit: phase {}'s timeline does not read back as the "
                                    "decisions the run took",
                                    index));
    }
  }
  return emitted;
}

}  // namespace faultline
