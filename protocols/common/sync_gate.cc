// File: sync_gate.cc
// Counting syncs and releasing the actions held behind them.
#include "protocols/common/sync_gate.h"

#include <fmt/format.h>

#include "protocols/common/storage_keys.h"
#include "sim/base/check.h"

namespace faultline::common {

void SyncGate::save_member_marker(NodeId self) {
  FL_CHECK(!dirty_ && syncs_issued_ == 0 && !marker_sync_,
           "the member marker must be the first write");
  storage_.put(member_key, fmt::format("{}", self.value));
  marker_sync_ = storage_.sync();
}

void SyncGate::sync_if_dirty() {
  if (!dirty_) {
    return;
  }
  dirty_ = false;
  in_flight_.push_back(storage_.sync());
  ++syncs_issued_;
}

bool SyncGate::after_sync(std::function<void()> action) {
  sync_if_dirty();
  if (syncs_completed_ == syncs_issued_) {
    action();
    return true;
  }
  if (held_.size() >= max_held_actions) {
    return false;
  }
  held_.push_back(HeldAction{syncs_issued_, std::move(action)});
  return true;
}

std::vector<std::function<void()>> SyncGate::on_sync_complete(StorageOpId op) {
  if (marker_sync_ == op) {
    FL_CHECK(in_flight_.empty() || in_flight_.front() != op, "marker sync {} counted", op);
    marker_sync_.reset();
    return {};
  }
  FL_CHECK(!marker_sync_, "sync {} completed before the member marker's", op);
  FL_CHECK(!in_flight_.empty() && in_flight_.front() == op,
           "sync {} completed out of order or unknown", op);
  in_flight_.pop_front();
  ++syncs_completed_;
  std::vector<std::function<void()>> ready;
  while (!held_.empty() && held_.front().sync_number <= syncs_completed_) {
    ready.push_back(std::move(held_.front().action));
    held_.pop_front();
  }
  return ready;
}

}  // namespace faultline::common
