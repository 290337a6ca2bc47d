// File: leader_completeness.cc
// Leader Completeness over commit and become_leader events, with log mirrors.
#include "sim/check/leader_completeness.h"

#include <algorithm>

#include <fmt/format.h>

namespace faultline {

void LeaderCompletenessChecker::observe(const TraceEvent& event) {
  RaftEvent decoded = decode_raft_event(event);
  switch (decoded.kind) {
    case RaftEventKind::commit:
      on_commit(decoded);
      break;
    case RaftEventKind::become_leader:
      on_become_leader(decoded);
      break;
    default:
      logs_.apply(decoded);
      break;
  }
}

void LeaderCompletenessChecker::on_commit(const RaftEvent& commit) {
  if (commit.index < 1) {
    return;
  }
  const LogMirror& log = logs_.log(commit.node);
  if (!log.contains(commit.index) || log.entry(commit.index).term != commit.term) {
    report(Violation{
        std::string(check_name), commit.time, commit.node,
        fmt::format("{} committed index={} term={} but its own log {}", commit.node.name(),
                    commit.index, commit.term, describe_held(log, commit.index))});
    return;
  }
  // Compare with what is already committed on the overlap 1..min(I, C): one hash comparison.
  int64_t overlap = std::min(commit.index, committed_length());
  if (overlap > 0 && log.prefix_hash(overlap) != committed_[overlap - 1].prefix_hash) {
    report_conflicting_commit(commit, log, overlap);
    return;
  }
  for (int64_t index = committed_length() + 1; index <= commit.index; ++index) {
    const LogEntryRecord& entry = log.entry(index);
    committed_.push_back({entry.term, entry.digest, entry.prefix_hash, commit.node, commit.time});
  }
}

void LeaderCompletenessChecker::on_become_leader(const RaftEvent& elected) {
  int64_t required = committed_before_term(elected.term);
  const LogMirror& log = logs_.log(elected.node);
  if (required == 0 || (log.length() >= required &&
                        log.prefix_hash(required) == committed_[required - 1].prefix_hash)) {
    return;
  }
  int64_t index = first_divergence(log, required);
  report(Violation{std::string(check_name), elected.time, elected.node,
                   fmt::format("{} became leader of term {} without committed entry {}: its log {}",
                               elected.node.name(), elected.term, describe_committed(index),
                               describe_held(log, index))});
}

int64_t LeaderCompletenessChecker::committed_before_term(int64_t term) const {
  if (committed_.empty() || committed_.back().term < term) {
    return committed_length();  // the common case: every committed entry predates the term
  }
  auto end =
      std::partition_point(committed_.begin(), committed_.end(),
                           [term](const CommittedEntry& entry) { return entry.term < term; });
  return static_cast<int64_t>(end - committed_.begin());
}

int64_t LeaderCompletenessChecker::first_divergence(const LogMirror& log, int64_t up_to) const {
  for (int64_t index = 1; index <= up_to; ++index) {
    const CommittedEntry& committed = committed_[index - 1];
    if (!log.contains(index) || log.entry(index).term != committed.term ||
        log.entry(index).digest != committed.digest) {
      return index;
    }
  }
  return up_to;  // equal (term, digest) everywhere yet different hashes: cannot happen
}

std::string LeaderCompletenessChecker::describe_committed(int64_t index) const {
  const CommittedEntry& committed = committed_[index - 1];
  return fmt::format("index={} term={} digest={} (committed by {} at {})", index, committed.term,
                     committed.digest, committed.committed_by.name(),
                     format_seconds(committed.committed_at));
}

std::string LeaderCompletenessChecker::describe_held(const LogMirror& log, int64_t index) const {
  if (!log.contains(index)) {
    return fmt::format("ends at index {}", log.length());
  }
  const LogEntryRecord& entry = log.entry(index);
  return fmt::format("has term={} digest={} at index {}", entry.term, entry.digest, index);
}

void LeaderCompletenessChecker::report_conflicting_commit(const RaftEvent& commit,
                                                          const LogMirror& log, int64_t up_to) {
  int64_t index = first_divergence(log, up_to);
  report(Violation{
      std::string(check_name), commit.time, commit.node,
      fmt::format("two different committed histories: {} committed index={} term={} but its log "
                  "{} where {} was already committed",
                  commit.node.name(), commit.index, commit.term, describe_held(log, index),
                  describe_committed(index))});
}

}  // namespace faultline
