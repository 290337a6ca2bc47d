// File: shrink_search.cc
// The driver of the shrink search and its structural reductions: cutting the run after the
// failure, dropping phases, ddmin over the fault lists, shortening phases (shrink_search.h).
#include "tools/shrink_search.h"

#include <fmt/format.h>
#include <algorithm>
#include <utility>

namespace faultline {
namespace {

constexpr Duration millisecond = Duration::milliseconds(1);

// The least whole number of milliseconds strictly longer than `span`.
Duration just_past(Duration span) {
  return Duration{(span.ns / millisecond.ns + 1) * millisecond.ns};
}

// The least whole number of milliseconds at least `span`.
Duration round_up(Duration span) {
  return Duration{(span.ns + millisecond.ns - 1) / millisecond.ns * millisecond.ns};
}

}  // namespace

ShrinkSearch::ShrinkSearch(ShrinkState start, ShrinkJudge& judge, std::FILE* out)
    : state_(std::move(start)), judge_(judge), out_(out) {}

void ShrinkSearch::run() {
  while (!judge_.exhausted() && run_round()) {
  }
}

bool ShrinkSearch::run_round() {
  bool changed = false;
  changed = cut_after_failure() || changed;
  changed = drop_phases() || changed;
  changed = reduce_lists() || changed;
  changed = fold_crashes() || changed;
  changed = shorten_phases() || changed;
  changed = reduce_workload() || changed;
  changed = reduce_network() || changed;
  return changed;
}

bool ShrinkSearch::attempt(ShrinkTree candidate, const std::vector<std::string>& messages) {
  std::optional<RunReport> report = judge_.judge(candidate);
  if (!report) {
    return false;
  }
  state_ = ShrinkState{std::move(candidate), std::move(*report)};
  ++reductions_;
  for (const std::string& message : messages) {
    fmt::print(out_, "{}\n", message);
  }
  std::fflush(out_);
  return true;
}

std::optional<size_t> ShrinkSearch::failing_phase() const {
  const RunReport& report = state_.report;
  std::optional<size_t> found;
  for (size_t phase = 0; phase < report.phases.size(); ++phase) {
    if (report.phases[phase].start <= report.verdict.at) {
      found = phase;
    }
  }
  if (!found || *found >= state_.tree.phase_count()) {
    return std::nullopt;
  }
  return found;
}

bool ShrinkSearch::cut_after_failure() {
  std::optional<size_t> phase = failing_phase();
  if (!phase) {
    return false;
  }
  Duration offset = state_.report.verdict.at - state_.report.phases[*phase].start;
  Duration cut = just_past(offset);
  if (cut_failing_phase(*phase, cut, true)) {
    return true;
  }
  // Cut at the expectations instead: a liveness deadline moved before the failure may fail
  // first, or differently.
  std::optional<Duration> longest = state_.tree.longest_expectation(*phase);
  return longest && cut < *longest && cut_failing_phase(*phase, *longest, false);
}

bool ShrinkSearch::cut_failing_phase(size_t phase, Duration duration, bool clamp_expectations) {
  ShrinkTree candidate = state_.tree.clone();
  std::vector<std::string> messages;
  std::optional<Duration> current = candidate.phase_duration(phase);
  if (current && duration < *current) {
    candidate.set_phase_duration(phase, duration);
    messages.push_back(fmt::format("cut the run after the failure at {}s: phase {} {} -> {}",
                                   format_time(state_.report.verdict.at),
                                   candidate.phase_name(phase), format_duration(*current),
                                   format_duration(duration)));
    for (ShrinkList which : {ShrinkList::faults, ShrinkList::timeline}) {
      for (const std::string& label : candidate.remove_entries_from(phase, which, duration)) {
        messages.push_back(fmt::format("removed {}, after the failure", label));
      }
    }
    if (clamp_expectations) {
      for (const std::string& change : candidate.clamp_expectations(phase, duration)) {
        messages.push_back(fmt::format("phase {} {}", candidate.phase_name(phase), change));
      }
    }
  }
  while (candidate.phase_count() > phase + 1) {
    size_t last = candidate.phase_count() - 1;
    messages.push_back(
        fmt::format("removed phase {}, after the failure", candidate.phase_name(last)));
    candidate.remove_phase(last);
  }
  return !messages.empty() && attempt(std::move(candidate), messages);
}

bool ShrinkSearch::keeps_phase_whole(size_t phase) const {
  std::optional<size_t> failing = failing_phase();
  return judge_.target().kind == Verdict::Kind::liveness_violation && failing && phase < *failing;
}

bool ShrinkSearch::drop_phases() {
  bool changed = false;
  size_t phase = 0;
  while (phase < state_.tree.phase_count() && state_.tree.phase_count() > 1 &&
         !judge_.exhausted()) {
    if (keeps_phase_whole(phase)) {
      ++phase;
      continue;
    }
    ShrinkTree candidate = state_.tree.clone();
    std::optional<Duration> duration = candidate.phase_duration(phase);
    std::string message = fmt::format(
        "removed phase {} ({}, {} faults, {} timeline entries)", candidate.phase_name(phase),
        duration ? format_duration(*duration) : "?", candidate.list_size(phase, ShrinkList::faults),
        candidate.list_size(phase, ShrinkList::timeline));
    candidate.remove_phase(phase);
    if (attempt(std::move(candidate), {message})) {
      changed = true;
    } else {
      ++phase;
    }
  }
  return changed;
}

bool ShrinkSearch::reduce_lists() {
  bool changed = false;
  for (ShrinkList which : {ShrinkList::faults, ShrinkList::timeline}) {
    for (size_t phase = 0; phase < state_.tree.phase_count(); ++phase) {
      changed = reduce_list(phase, which) || changed;
    }
  }
  return changed;
}

// ddmin (Zeller and Hildebrandt 2002), complements only: split the list into n chunks and try
// removing each; after a success go on with n - 1 chunks of what is left, after a round without
// one double n, until the chunks are single entries.
bool ShrinkSearch::reduce_list(size_t phase, ShrinkList which) {
  bool changed = false;
  size_t chunks = 2;
  while (state_.tree.list_size(phase, which) > 0 && !judge_.exhausted()) {
    size_t size = state_.tree.list_size(phase, which);
    chunks = std::min(chunks, size);
    bool removed = false;
    for (size_t chunk = 0; chunk < chunks && !removed; ++chunk) {
      removed = remove_chunk(phase, which, size * chunk / chunks, size * (chunk + 1) / chunks);
    }
    if (removed) {
      changed = true;
      chunks = std::max<size_t>(chunks - 1, 2);
    } else if (chunks >= size) {
      break;
    } else {
      chunks = std::min(size, chunks * 2);
    }
  }
  return changed;
}

bool ShrinkSearch::remove_chunk(size_t phase, ShrinkList which, size_t begin, size_t end) {
  ShrinkTree candidate = state_.tree.clone();
  std::vector<bool> keep(candidate.list_size(phase, which), true);
  std::vector<std::string> messages;
  for (size_t index = begin; index < end; ++index) {
    keep[index] = false;
    messages.push_back("removed " + candidate.entry_label(phase, which, index));
  }
  candidate.keep_entries(phase, which, keep);
  return attempt(std::move(candidate), messages);
}

// The shortest a phase may become: past its last fault or timeline entry, no shorter than its
// expectations, and for the failing phase past the failure.
Duration ShrinkSearch::shortest_duration(size_t phase) const {
  const ShrinkTree& tree = state_.tree;
  Duration shortest = millisecond;
  for (ShrinkList which : {ShrinkList::faults, ShrinkList::timeline}) {
    if (std::optional<Duration> latest = tree.latest_entry(phase, which)) {
      shortest = std::max(shortest, just_past(*latest));
    }
  }
  if (std::optional<Duration> longest = tree.longest_expectation(phase)) {
    shortest = std::max(shortest, round_up(*longest));
  }
  if (failing_phase() == phase) {
    Duration offset = state_.report.verdict.at - state_.report.phases[phase].start;
    shortest = std::max(shortest, just_past(offset));
  }
  return shortest;
}

bool ShrinkSearch::shorten_phases() {
  bool changed = false;
  for (size_t phase = 0; phase < state_.tree.phase_count(); ++phase) {
    while (!judge_.exhausted() && !keeps_phase_whole(phase)) {
      std::optional<Duration> current = state_.tree.phase_duration(phase);
      Duration shortest = shortest_duration(phase);
      if (!current || *current <= shortest) {
        break;
      }
      Duration half = std::max(shortest, round_up(*current / 2));
      if (half >= *current) {
        break;
      }
      ShrinkTree candidate = state_.tree.clone();
      candidate.set_phase_duration(phase, half);
      std::string message = fmt::format("phase {} {} -> {}", candidate.phase_name(phase),
                                        format_duration(*current), format_duration(half));
      if (!attempt(std::move(candidate), {message})) {
        break;
      }
      changed = true;
    }
  }
  return changed;
}

}  // namespace faultline
