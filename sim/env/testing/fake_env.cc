// File: fake_env.cc
// FakeStorage and FakeEnv.
#include "sim/env/testing/fake_env.h"

#include "sim/base/check.h"

namespace faultline::testing {

void FakeStorage::put(std::string_view key, std::string value) {
  current_.insert_or_assign(std::string(key), std::move(value));
}

void FakeStorage::erase(std::string_view key) {
  auto it = current_.find(key);
  if (it != current_.end()) {
    current_.erase(it);
  }
}

void FakeStorage::erase_range(std::string_view from, std::string_view to) {
  FL_CHECK(from <= to, "erase_range [{}, {})", from, to);
  current_.erase(current_.lower_bound(from), current_.lower_bound(to));
}

StorageOpId FakeStorage::sync() {
  pending_.emplace_back(next_op_, current_);
  return next_op_++;
}

std::optional<std::string> FakeStorage::get(std::string_view key) const {
  auto it = current_.find(key);
  if (it == current_.end()) {
    return std::nullopt;
  }
  return it->second;
}

void FakeStorage::preload(std::string_view key, std::string value) {
  current_.insert_or_assign(std::string(key), value);
  durable_.insert_or_assign(std::string(key), std::move(value));
}

FakeStorage::SyncResult FakeStorage::finish_oldest_sync() {
  FL_CHECK(!pending_.empty(), "no pending sync");
  SyncResult result{pending_.front().first, full_ ? StorageStatus::no_space : StorageStatus::ok};
  if (!full_) {
    Contents& snapshot = pending_.front().second;
    // A key whose value this sync rewrites gets a new, intact record.
    for (auto it = corrupted_.begin(); it != corrupted_.end();) {
      auto old_value = durable_.find(*it);
      auto new_value = snapshot.find(*it);
      bool rewritten = old_value == durable_.end() || new_value == snapshot.end() ||
                       old_value->second != new_value->second;
      it = rewritten ? corrupted_.erase(it) : std::next(it);
    }
    durable_ = std::move(snapshot);
  }
  pending_.pop_front();
  return result;
}

StorageOpId FakeStorage::complete_oldest_sync() {
  SyncResult result = finish_oldest_sync();
  FL_CHECK(result.status == StorageStatus::ok, "sync {} failed", result.op);
  return result.op;
}

void FakeStorage::crash() {
  recovered_corrupted_.assign(corrupted_.begin(), corrupted_.end());
  for (const std::string& key : recovered_corrupted_) {
    durable_.erase(key);
  }
  current_ = durable_;
  pending_.clear();
}

void FakeStorage::wipe() {
  FL_CHECK(pending_.empty(), "wipe of a running disk");
  current_.clear();
  durable_.clear();
  corrupted_.clear();
  recovered_corrupted_.clear();
}

bool FakeStorage::corrupt(const std::string& key) {
  if (!durable_.contains(key) || corrupted_.contains(key)) {
    return false;
  }
  corrupted_.insert(key);
  return true;
}

FakeEnv::FakeEnv(NodeId self, std::vector<NodeId> peers, FakeWorld& world)
    : self_(self), peers_(std::move(peers)), world_(world), rng_(mix64(self.value)) {}

void FakeEnv::send(NodeId target, MessagePtr message) {
  if (halting_) {
    return;  // the process is exiting
  }
  world_.on_send(self_, target, std::move(message));
}

TimerId FakeEnv::set_timer(Duration delay, uint64_t tag) {
  TimerId id = next_timer_++;
  timers_[id] = Timer{tag, delay};
  return id;
}

void FakeEnv::cancel_timer(TimerId timer) {
  timers_.erase(timer);
}

void FakeEnv::trace(TraceEvent event) {
  world_.on_trace(self_, event);
}

void FakeEnv::halt(std::string_view reason) {
  if (halting_) {
    return;
  }
  halting_ = true;
  world_.on_trace(self_, TraceEvent{"node", "halt", {{"reason", reason}}});
}

std::optional<TimerId> FakeEnv::take_timer(uint64_t tag) {
  for (auto it = timers_.begin(); it != timers_.end(); ++it) {
    if (it->second.tag == tag) {
      TimerId id = it->first;
      timers_.erase(it);
      return id;
    }
  }
  return std::nullopt;
}

}  // namespace faultline::testing
