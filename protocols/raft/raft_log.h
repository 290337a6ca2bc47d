// File: raft_log.h
// The in-memory copy of a node's log, indexed from 1 (index 0 is the empty prefix, term 0). Owns
// the shape invariants: indices are contiguous and terms never decrease along the log (a leader
// only appends entries of its own term, which is at least every earlier term).
#pragma once

#include <cstdint>
#include <vector>

#include "protocols/raft/log_entry.h"

namespace faultline::raft {

class RaftLog {
 public:
  uint64_t last_index() const { return entries_.size(); }
  uint64_t last_term() const { return entries_.empty() ? 0 : entries_.back().term; }
  // Term of the entry at `index`; 0 for index 0. Requires index <= last_index().
  uint64_t term_at(uint64_t index) const;
  const LogEntry& at(uint64_t index) const;
  // Section 5.4.1: is a log ending at (last_log_index, last_log_term) at least as up-to-date as
  // this one? Later last term wins; equal last terms compare lengths.
  bool is_up_to_date(uint64_t last_log_index, uint64_t last_log_term) const;

  // Appends at last_index() + 1; returns the new index.
  uint64_t append(LogEntry entry);
  // Removes every entry with index >= `from` (section 5.3, on a conflict only).
  void truncate_from(uint64_t from);

 private:
  std::vector<LogEntry> entries_;
};

}  // namespace faultline::raft
