// File: log_matching.h
// Check `raft.log_matching`: if two logs contain an entry with the same index and term, the logs
// are identical in all entries up through that index (Ongaro & Ousterhout 2014, Figure 3; section
// 5.3, guaranteed by the AppendEntries consistency check). Mirrors every node's log with prefix
// hashes and registers the prefix under which each (index, term) first appeared anywhere; any
// append of the same (index, term) on a different prefix fires. O(1) amortised per append.
//
// Also fires on an append that is not at the end of the node's log (index != length + 1): the
// emitter promises to truncate explicitly first, so a gap or a silent overwrite is a protocol bug
// that would otherwise corrupt the mirror.
#pragma once

#include <string_view>

#include "sim/check/checker.h"
#include "sim/check/cluster_logs.h"
#include "sim/check/entry_registry.h"
#include "sim/check/raft_event.h"

namespace faultline {

class LogMatchingChecker final : public Checker {
 public:
  static constexpr std::string_view check_name = "raft.log_matching";

  std::string_view name() const override { return check_name; }
  void observe(const TraceEvent& event) override;

 private:
  void on_append(const RaftEvent& append);
  void report_misplaced_append(const RaftEvent& append, int64_t length_before);
  void report_mismatch(const RaftEvent& append, const RegisteredEntry& first);

  ClusterLogs logs_;
  EntryRegistry registry_;
};

}  // namespace faultline
