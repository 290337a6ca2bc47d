// File: shrink_fold.cc
// A rewrite of the shrink search that removal alone cannot find (shrink_search.h): a node that
// crashes, stays down across a `heal: all` and restarts later mostly matters for being absent,
// and a partition that leaves it alone does that with one fault instead of three. The Raft
// paper's Figure 8 (scenarios/negative/raft-figure8-bug.yaml) needs it: every single fault and
// every pair of its faults is needed, yet with n2 kept cut off instead of crashed four suffice.
#include <fmt/format.h>

#include "tools/shrink_search.h"

namespace faultline {
namespace {

// The scalar of an entry's key, or "" when absent or not a scalar.
std::string scalar_of(const YAML::Node& entry, const char* key) {
  if (!entry.IsDefined() || !entry.IsMap()) {
    return "";
  }
  const YAML::Node value = entry[key];
  return value.IsDefined() && value.IsScalar() ? value.Scalar() : "";
}

// `{at: AT, partition: [[node], rest]}` in flow style.
YAML::Node cut_off(const YAML::Node& at, const std::string& node) {
  YAML::Node alone(YAML::NodeType::Sequence);
  alone.SetStyle(YAML::EmitterStyle::Flow);
  alone.push_back(node);
  YAML::Node groups(YAML::NodeType::Sequence);
  groups.SetStyle(YAML::EmitterStyle::Flow);
  groups.push_back(alone);
  groups.push_back("rest");
  YAML::Node entry(YAML::NodeType::Map);
  entry.SetStyle(YAML::EmitterStyle::Flow);
  entry["at"] = YAML::Clone(at);
  entry["partition"] = groups;
  return entry;
}

}  // namespace

bool ShrinkSearch::fold_crashes() {
  bool changed = false;
  for (size_t phase = 0; phase < state_.tree.phase_count(); ++phase) {
    size_t crash = 0;
    while (crash < state_.tree.list_size(phase, ShrinkList::faults) && !judge_.exhausted()) {
      if (fold_crash(phase, crash)) {
        changed = true;
      } else {
        ++crash;
      }
    }
  }
  return changed;
}

// Folds the entry at `crash` when it is `crash: nX`, its next `restart: nX` comes later and a
// `heal: all` lies between them.
bool ShrinkSearch::fold_crash(size_t phase, size_t crash) {
  const YAML::Node entries = state_.tree.list(phase, ShrinkList::faults);
  std::string node = scalar_of(entries[crash], "crash");
  std::optional<Duration> crashed_at = duration_of(entries[crash]["at"]);
  if (node.empty() || node == "leader" || !crashed_at) {
    return false;
  }
  std::optional<size_t> restart;
  for (size_t index = 0; index < entries.size() && !restart; ++index) {
    std::optional<Duration> at = duration_of(entries[index]["at"]);
    if (at && *crashed_at < *at && scalar_of(entries[index], "restart") == node) {
      restart = index;
    }
  }
  std::optional<size_t> heal;
  for (size_t index = 0; index < entries.size() && restart && !heal; ++index) {
    std::optional<Duration> at = duration_of(entries[index]["at"]);
    if (at && *crashed_at <= *at && *at < *duration_of(entries[*restart]["at"]) &&
        scalar_of(entries[index], "heal") == "all") {
      heal = index;
    }
  }
  if (!heal) {
    return false;
  }
  ShrinkTree candidate = state_.tree.clone();
  std::string message = fmt::format(
      "folded {} and {} into {}: {} stays cut off instead of down (partition [[{}], rest])",
      candidate.entry_label(phase, ShrinkList::faults, crash),
      candidate.entry_label(phase, ShrinkList::faults, *restart),
      candidate.entry_label(phase, ShrinkList::faults, *heal), node, node);
  YAML::Node edited = candidate.list(phase, ShrinkList::faults);
  edited[*heal] = cut_off(entries[*heal]["at"], node);
  std::vector<bool> keep(entries.size(), true);
  keep[crash] = false;
  keep[*restart] = false;
  candidate.keep_entries(phase, ShrinkList::faults, keep);
  return attempt(std::move(candidate), {message});
}

}  // namespace faultline
