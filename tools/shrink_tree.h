// File: shrink_tree.h
// The scenario as `faultline shrink` edits it: the YAML tree of the file (yaml-cpp), never the
// parsed Scenario, so that what the shrinker writes is exactly the text it judged. Owns the
// invariant that every scripted fault keeps the line it had in the input file (for the messages
// "removed fault line 14 (...)"), whatever is removed around it, and that the emitted text of a
// tree always starts with the same number of comment lines (shrink_header_lines), so that a
// fault's line in the judged text and in the written file are the same.
#pragma once

#include <yaml-cpp/yaml.h>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/base/time.h"

namespace faultline {

// The emitted text of every candidate and of the output starts with this many comment lines.
inline constexpr size_t shrink_header_lines = 3;

// The lists the shrinker reduces entry by entry: a phase's scripted `faults` and its nemesis
// `timeline` (the random faults a seed drew, written out).
enum class ShrinkList { faults, timeline };

struct ShrinkTree {
  YAML::Node root;
  // Per phase, in the tree's order: the input-file line of each entry of its `faults` list (0
  // when unknown). Kept in step with the tree by the editing functions below.
  std::vector<std::vector<int>> fault_lines;

  // A deep copy: editing it leaves this tree alone.
  ShrinkTree clone() const;

  size_t phase_count() const;
  // The phase's map; editing it edits this tree.
  YAML::Node phase(size_t phase) const;
  std::string phase_name(size_t phase) const;
  // The phase's `duration` (nullopt if it does not parse, which the scenario parser rejects).
  std::optional<Duration> phase_duration(size_t phase) const;
  void set_phase_duration(size_t phase, Duration duration);
  Duration total_duration() const;
  void remove_phase(size_t phase);

  // The phase's list (a null node when absent) and its length.
  YAML::Node list(size_t phase, ShrinkList which) const;
  size_t list_size(size_t phase, ShrinkList which) const;
  size_t total_size(ShrinkList which) const;
  // Keeps the entries whose `keep` is true (in order); an emptied list is removed with its key
  // (and a nemesis left without a timeline with it).
  void keep_entries(size_t phase, ShrinkList which, const std::vector<bool>& keep);
  // The latest `at` of the phase's list entries (nullopt for an empty list).
  std::optional<Duration> latest_entry(size_t phase, ShrinkList which) const;
  // "fault line 14 (crash leader at 2s)", "timeline entry (crash n3 at 1.5s) of phase chaos".
  std::string entry_label(size_t phase, ShrinkList which, size_t index) const;
  // Removes the list's entries at or after `end`; returns their labels.
  std::vector<std::string> remove_entries_from(size_t phase, ShrinkList which, Duration end);

  // The longest duration among the phase's `expect` values (leader_within, ...), if any.
  std::optional<Duration> longest_expectation(size_t phase) const;
  // Lowers every `expect` duration above `limit` to it; returns "expect.KEY 5s -> 1.2s" each.
  std::vector<std::string> clamp_expectations(size_t phase, Duration limit);
};

// The tree's scripted faults and their input lines, from a tree just loaded from the input file
// (whose nodes still carry their marks).
ShrinkTree tree_from_input(const YAML::Node& root);

// Sets the top-level `seed` (right after `name`) and drops a `seeds` list (the seeds `faultline
// test` runs): the shrunk file is about this one seed.
void set_seed(YAML::Node& root, uint64_t seed);

// The YAML text of `root`, after `header` (exactly shrink_header_lines lines, each a comment
// starting with '#', each ending with '\n').
std::string emit_tree(const YAML::Node& root, const std::string& header);
// A neutral header of the right size for the candidates judged during the search.
std::string candidate_header();

// A node on one line in flow style: `[[n1], [n2, n3]]`, `{from: n1, to: n3, duration: 10ms}`.
std::string flow_text(const YAML::Node& node);
// A list entry for humans: "crash leader at 2s", "partition [[n1], rest] at 1s".
std::string describe_entry(const YAML::Node& entry);

// The duration of a scalar node (nullopt when absent or not a duration).
std::optional<Duration> duration_of(const YAML::Node& node);

}  // namespace faultline
