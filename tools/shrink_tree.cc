// File: shrink_tree.cc
// Reading and editing the scenario's YAML tree for `faultline shrink` (shrink_tree.h). The tree
// comes from a file the scenario parser accepted, and every edit keeps the schema's shapes
// (phases a list of maps, faults a list of maps), so the accessors need only check presence.
#include "tools/shrink_tree.h"

#include <fmt/format.h>
#include <algorithm>

namespace faultline {
namespace {

bool is_sequence(const YAML::Node& node) {
  return node.IsDefined() && node.IsSequence();
}
bool is_map(const YAML::Node& node) {
  return node.IsDefined() && node.IsMap();
}

YAML::Node phases_of(const YAML::Node& root) {
  const YAML::Node& constant = root;
  return is_map(constant) ? YAML::Node(constant["phases"]) : YAML::Node();
}

YAML::Node nemesis_of(const YAML::Node& phase) {
  const YAML::Node& constant = phase;
  return is_map(constant) ? YAML::Node(constant["nemesis"]) : YAML::Node();
}

// The same entries but those not kept, in a new list of the same style.
YAML::Node kept_sequence(const YAML::Node& sequence, const std::vector<bool>& keep) {
  YAML::Node kept(YAML::NodeType::Sequence);
  kept.SetStyle(sequence.Style());
  for (size_t index = 0; index < sequence.size(); ++index) {
    if (index >= keep.size() || keep[index]) {
      kept.push_back(sequence[index]);
    }
  }
  return kept;
}

// A deep copy with every collection in flow style, for one-line descriptions.
YAML::Node flow_copy(const YAML::Node& node) {
  YAML::Node copy = YAML::Clone(node);
  std::vector<YAML::Node> pending{copy};
  while (!pending.empty()) {
    YAML::Node current = pending.back();
    pending.pop_back();
    if (current.IsSequence() || current.IsMap()) {
      current.SetStyle(YAML::EmitterStyle::Flow);
      for (YAML::const_iterator it = current.begin(); it != current.end(); ++it) {
        pending.push_back(current.IsMap() ? YAML::Node(it->second) : YAML::Node(*it));
      }
    }
  }
  return copy;
}

}  // namespace

ShrinkTree ShrinkTree::clone() const {
  return ShrinkTree{YAML::Clone(root), fault_lines};
}

size_t ShrinkTree::phase_count() const {
  YAML::Node phases = phases_of(root);
  return is_sequence(phases) ? phases.size() : 0;
}

YAML::Node ShrinkTree::phase(size_t phase) const {
  YAML::Node phases = phases_of(root);
  return phases[phase];
}

std::string ShrinkTree::phase_name(size_t phase) const {
  const YAML::Node phases = phases_of(root);
  const YAML::Node name = phases[phase]["name"];
  return name.IsDefined() && name.IsScalar() ? name.Scalar() : fmt::format("#{}", phase + 1);
}

std::optional<Duration> ShrinkTree::phase_duration(size_t phase) const {
  const YAML::Node phases = phases_of(root);
  return duration_of(phases[phase]["duration"]);
}

void ShrinkTree::set_phase_duration(size_t phase, Duration duration) {
  YAML::Node phases = phases_of(root);
  YAML::Node entry = phases[phase];
  entry["duration"] = format_duration(duration);
}

Duration ShrinkTree::total_duration() const {
  Duration total{0};
  for (size_t phase = 0; phase < phase_count(); ++phase) {
    total = total + phase_duration(phase).value_or(Duration{0});
  }
  return total;
}

void ShrinkTree::remove_phase(size_t phase) {
  YAML::Node phases = phases_of(root);
  std::vector<bool> keep(phases.size(), true);
  keep[phase] = false;
  root["phases"] = kept_sequence(phases, keep);
  if (phase < fault_lines.size()) {
    fault_lines.erase(fault_lines.begin() + static_cast<std::ptrdiff_t>(phase));
  }
}

YAML::Node ShrinkTree::list(size_t phase, ShrinkList which) const {
  const YAML::Node phases = phases_of(root);
  const YAML::Node entry = phases[phase];
  if (which == ShrinkList::faults) {
    return is_map(entry) ? YAML::Node(entry["faults"]) : YAML::Node();
  }
  const YAML::Node nemesis = nemesis_of(entry);
  return is_map(nemesis) ? YAML::Node(nemesis["timeline"]) : YAML::Node();
}

size_t ShrinkTree::list_size(size_t phase, ShrinkList which) const {
  YAML::Node entries = list(phase, which);
  return is_sequence(entries) ? entries.size() : 0;
}

size_t ShrinkTree::total_size(ShrinkList which) const {
  size_t total = 0;
  for (size_t phase = 0; phase < phase_count(); ++phase) {
    total += list_size(phase, which);
  }
  return total;
}

void ShrinkTree::keep_entries(size_t phase, ShrinkList which, const std::vector<bool>& keep) {
  YAML::Node entries = list(phase, which);
  YAML::Node kept = kept_sequence(entries, keep);
  YAML::Node phases = phases_of(root);
  YAML::Node entry = phases[phase];
  if (which == ShrinkList::faults) {
    if (kept.size() == 0) {
      entry.remove("faults");
    } else {
      entry["faults"] = kept;
    }
    if (phase < fault_lines.size()) {
      std::vector<int> lines;
      for (size_t index = 0; index < fault_lines[phase].size(); ++index) {
        if (index >= keep.size() || keep[index]) {
          lines.push_back(fault_lines[phase][index]);
        }
      }
      fault_lines[phase] = std::move(lines);
    }
    return;
  }
  if (kept.size() == 0) {
    // A nemesis is its timeline once written out: nothing is left of it.
    entry.remove("nemesis");
  } else {
    YAML::Node nemesis = entry["nemesis"];
    nemesis["timeline"] = kept;
  }
}

std::optional<Duration> ShrinkTree::latest_entry(size_t phase, ShrinkList which) const {
  YAML::Node entries = list(phase, which);
  if (!is_sequence(entries)) {
    return std::nullopt;
  }
  std::optional<Duration> latest;
  for (const YAML::Node& entry : entries) {
    std::optional<Duration> at = is_map(entry) ? duration_of(entry["at"]) : std::nullopt;
    if (at && (!latest || latest->ns < at->ns)) {
      latest = at;
    }
  }
  return latest;
}

std::string ShrinkTree::entry_label(size_t phase, ShrinkList which, size_t index) const {
  std::string text = describe_entry(list(phase, which)[index]);
  if (which == ShrinkList::timeline) {
    return fmt::format("timeline entry ({}) of phase {}", text, phase_name(phase));
  }
  int line = phase < fault_lines.size() && index < fault_lines[phase].size()
                 ? fault_lines[phase][index]
                 : 0;
  return line > 0 ? fmt::format("fault line {} ({})", line, text) : fmt::format("fault ({})", text);
}

std::vector<std::string> ShrinkTree::remove_entries_from(size_t phase, ShrinkList which,
                                                         Duration end) {
  std::vector<std::string> labels;
  YAML::Node entries = list(phase, which);
  if (!is_sequence(entries)) {
    return labels;
  }
  std::vector<bool> keep;
  for (size_t index = 0; index < entries.size(); ++index) {
    std::optional<Duration> at = duration_of(entries[index]["at"]);
    keep.push_back(!at || *at < end);
    if (!keep.back()) {
      labels.push_back(entry_label(phase, which, index));
    }
  }
  if (!labels.empty()) {
    keep_entries(phase, which, keep);
  }
  return labels;
}

std::optional<Duration> ShrinkTree::longest_expectation(size_t phase) const {
  const YAML::Node phases = phases_of(root);
  const YAML::Node expect = phases[phase]["expect"];
  if (!is_map(expect)) {
    return std::nullopt;
  }
  std::optional<Duration> longest;
  for (YAML::const_iterator it = expect.begin(); it != expect.end(); ++it) {
    std::optional<Duration> value = duration_of(it->second);
    if (value && (!longest || *longest < *value)) {
      longest = value;
    }
  }
  return longest;
}

std::vector<std::string> ShrinkTree::clamp_expectations(size_t phase, Duration limit) {
  std::vector<std::string> changes;
  YAML::Node phases = phases_of(root);
  YAML::Node entry = phases[phase];
  YAML::Node expect = entry["expect"];
  if (!is_map(expect)) {
    return changes;
  }
  for (YAML::iterator it = expect.begin(); it != expect.end(); ++it) {
    std::optional<Duration> value = duration_of(it->second);
    if (value && limit < *value) {
      changes.push_back(fmt::format("expect.{} {} -> {}", it->first.Scalar(),
                                    format_duration(*value), format_duration(limit)));
      it->second = format_duration(limit);
    }
  }
  return changes;
}

ShrinkTree tree_from_input(const YAML::Node& root) {
  ShrinkTree tree{root, {}};
  for (size_t phase = 0; phase < tree.phase_count(); ++phase) {
    std::vector<int> lines;
    YAML::Node faults = tree.list(phase, ShrinkList::faults);
    if (is_sequence(faults)) {
      for (const YAML::Node& fault : faults) {
        lines.push_back(fault.Mark().is_null() ? 0 : fault.Mark().line + 1);
      }
    }
    tree.fault_lines.push_back(std::move(lines));
  }
  return tree;
}

void set_seed(YAML::Node& root, uint64_t seed) {
  YAML::Node rebuilt(YAML::NodeType::Map);
  rebuilt.SetStyle(root.Style());
  const YAML::Node& constant = root;
  if (!constant["name"].IsDefined()) {
    rebuilt["seed"] = std::to_string(seed);
  }
  for (YAML::const_iterator it = root.begin(); it != root.end(); ++it) {
    std::string key = it->first.Scalar();
    if (key == "seed" || key == "seeds") {
      continue;
    }
    rebuilt[key] = it->second;
    if (key == "name") {
      rebuilt["seed"] = std::to_string(seed);
    }
  }
  root = rebuilt;
}

std::string emit_tree(const YAML::Node& root, const std::string& header) {
  YAML::Emitter emitter;
  emitter << root;
  return header + emitter.c_str() + "\n";
}

std::string candidate_header() {
  std::string header;
  for (size_t line = 0; line < shrink_header_lines; ++line) {
    header += "#\n";
  }
  return header;
}

std::string flow_text(const YAML::Node& node) {
  YAML::Emitter emitter;
  emitter.SetMapFormat(YAML::Flow);
  emitter.SetSeqFormat(YAML::Flow);
  emitter << flow_copy(node);
  return emitter.c_str();
}

std::string describe_entry(const YAML::Node& entry) {
  if (!is_map(entry)) {
    return flow_text(entry);
  }
  std::string action;
  std::string extra;
  for (YAML::const_iterator it = entry.begin(); it != entry.end(); ++it) {
    std::string key = it->first.Scalar();
    if (key == "at") {
      continue;
    }
    std::string value = flow_text(it->second);
    if (action.empty()) {
      action = key + " " + value;
    } else {
      extra += fmt::format(", {} {}", key, value);
    }
  }
  const YAML::Node at = entry["at"];
  std::string when = at.IsDefined() ? " at " + flow_text(at) : "";
  return action + when + extra;
}

std::optional<Duration> duration_of(const YAML::Node& node) {
  if (!node.IsDefined() || !node.IsScalar()) {
    return std::nullopt;
  }
  Result<Duration> duration = parse_duration(node.Scalar());
  return duration.ok() ? std::optional<Duration>(*duration) : std::nullopt;
}

}  // namespace faultline
