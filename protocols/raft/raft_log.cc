// File: raft_log.cc
// The in-memory log and its shape checks.
#include "protocols/raft/raft_log.h"

#include "sim/base/check.h"

namespace faultline::raft {

uint64_t RaftLog::term_at(uint64_t index) const {
  if (index == 0) {
    return 0;
  }
  return at(index).term;
}

const LogEntry& RaftLog::at(uint64_t index) const {
  FL_CHECK(index >= 1 && index <= last_index(), "log index {} outside [1, {}]", index,
           last_index());
  return entries_[index - 1];
}

bool RaftLog::is_up_to_date(uint64_t last_log_index, uint64_t last_log_term) const {
  if (last_log_term != last_term()) {
    return last_log_term > last_term();
  }
  return last_log_index >= last_index();
}

uint64_t RaftLog::append(LogEntry entry) {
  FL_CHECK(entry.term > 0, "log entries carry a term >= 1");
  FL_CHECK(entry.term >= last_term(), "term decreases along the log: {} after {} at index {}",
           entry.term, last_term(), last_index() + 1);
  entries_.push_back(std::move(entry));
  return last_index();
}

void RaftLog::truncate_from(uint64_t from) {
  FL_CHECK(from >= 1 && from <= last_index(), "truncate from {} outside [1, {}]", from,
           last_index());
  entries_.resize(from - 1);
}

}  // namespace faultline::raft
