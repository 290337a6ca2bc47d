// File: cluster_logs.cc
// Per-node log mirrors driven by trace events.
#include "sim/check/cluster_logs.h"

#include "sim/base/check.h"

namespace faultline {

LogMirror& ClusterLogs::log(NodeId node) {
  FL_CHECK(node.is_server(), "no log mirror for {}", node.name());
  size_t slot = node.number() - 1;
  if (slot >= logs_.size()) {
    logs_.resize(slot + 1);
  }
  return logs_[slot];
}

const LogMirror* ClusterLogs::find(NodeId node) const {
  if (!node.is_server() || node.number() > logs_.size()) {
    return nullptr;
  }
  return &logs_[node.number() - 1];
}

void ClusterLogs::apply(const RaftEvent& event) {
  switch (event.kind) {
    case RaftEventKind::crash:  // volatile state is gone; recover re-announces what survived
    case RaftEventKind::recover:
      log(event.node).clear();
      break;
    case RaftEventKind::log_append:
      log(event.node).place(event.index, event.term, event.digest);
      break;
    case RaftEventKind::log_truncate:
      log(event.node).truncate_from(event.index);
      break;
    default:
      break;
  }
}

}  // namespace faultline
