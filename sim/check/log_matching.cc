// File: log_matching.cc
// Log Matching over log_append / log_truncate / recover / crash events.
#include "sim/check/log_matching.h"

#include <fmt/format.h>

namespace faultline {

void LogMatchingChecker::observe(const TraceEvent& event) {
  RaftEvent decoded = decode_raft_event(event);
  if (decoded.kind == RaftEventKind::log_append) {
    on_append(decoded);
  } else {
    logs_.apply(decoded);
  }
}

void LogMatchingChecker::on_append(const RaftEvent& append) {
  LogMirror& log = logs_.log(append.node);
  int64_t length_before = log.length();
  if (append.index != length_before + 1) {
    report_misplaced_append(append, length_before);
  }
  logs_.apply(append);
  RegisteredEntry mine{append.term, log.prefix_hash(append.index), append.node, append.time};
  const RegisteredEntry& first = registry_.insert(append.index, mine);
  if (first.prefix_hash != mine.prefix_hash) {
    report_mismatch(append, first);
  }
}

void LogMatchingChecker::report_misplaced_append(const RaftEvent& append, int64_t length_before) {
  report(
      Violation{std::string(check_name), append.time, append.node,
                fmt::format("{} appended index={} term={} but its log held {} entries (the "
                            "next append must be index {}; a rewrite needs a log_truncate first)",
                            append.node.name(), append.index, append.term, length_before,
                            length_before + 1)});
}

void LogMatchingChecker::report_mismatch(const RaftEvent& append, const RegisteredEntry& first) {
  std::string message = fmt::format(
      "{} and {} both hold index={} term={} but their logs differ before it ({} held it first, "
      "at {})",
      first.first_holder.name(), append.node.name(), append.index, append.term,
      first.first_holder.name(), format_seconds(first.first_seen));
  const LogMirror& mine = logs_.log(append.node);
  const LogMirror* theirs = logs_.find(first.first_holder);
  if (theirs != nullptr && theirs->contains(append.index) &&
      theirs->prefix_hash(append.index) == first.prefix_hash) {
    int64_t index = theirs->first_difference(mine, append.index);
    if (index > 0) {
      const LogEntryRecord& their_entry = theirs->entry(index);
      const LogEntryRecord& my_entry = mine.entry(index);
      message += fmt::format(
          "; first difference at index {}: {} has term={} digest={}, {} has "
          "term={} digest={}",
          index, first.first_holder.name(), their_entry.term, their_entry.digest,
          append.node.name(), my_entry.term, my_entry.digest);
    }
  }
  report(Violation{std::string(check_name), append.time, append.node, std::move(message)});
}

}  // namespace faultline
