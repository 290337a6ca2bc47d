// File: cluster_logs.h
// The log mirrors of every server (log_mirror.h), kept up to date from the trace: recover and crash
// clear a node's mirror, log_append places an entry, log_truncate removes a suffix. Checkers that
// need logs own one each, so that any subset of checks can run alone.
#pragma once

#include <vector>

#include "sim/base/node_id.h"
#include "sim/check/log_mirror.h"
#include "sim/check/raft_event.h"

namespace faultline {

class ClusterLogs {
 public:
  // The mirror of server `node` (created empty on first use).
  LogMirror& log(NodeId node);
  const LogMirror* find(NodeId node) const;

  // Applies the log-changing events (recover, crash, log_append, log_truncate); ignores others.
  void apply(const RaftEvent& event);

 private:
  std::vector<LogMirror> logs_;  // by server number - 1
};

}  // namespace faultline
