// File: fake_env.cc
// FakeStorage and FakeEnv.
#include "protocols/raft/testing/fake_env.h"

#include "sim/base/check.h"

namespace faultline::raft::testing {

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

StorageOpId FakeStorage::complete_oldest_sync() {
  FL_CHECK(!pending_.empty(), "no pending sync");
  StorageOpId op = pending_.front().first;
  durable_ = std::move(pending_.front().second);
  pending_.pop_front();
  return op;
}

void FakeStorage::crash() {
  current_ = durable_;
  pending_.clear();
}

FakeEnv::FakeEnv(NodeId self, std::vector<NodeId> peers, FakeWorld& world)
    : self_(self), peers_(std::move(peers)), world_(world), rng_(mix64(self.value)) {}

void FakeEnv::send(NodeId target, MessagePtr message) {
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

}  // namespace faultline::raft::testing
