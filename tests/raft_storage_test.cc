// File: raft_storage_test.cc
// RaftStorage: the persistent layout round-trips and its sync gate (protocols/common/sync_gate.h)
// holds answers until the sync covering them completes.
#include <catch2/catch.hpp>

#include <vector>

#include "protocols/raft/raft_storage.h"
#include "sim/env/testing/fake_env.h"

using faultline::NodeId;
using faultline::common::SyncGate;
using faultline::raft::LogEntry;
using faultline::raft::RaftStorage;
using faultline::raft::RecoveredState;
using faultline::testing::FakeStorage;

TEST_CASE("persistent state survives a crash only once synced", "[raft]") {
  FakeStorage disk;
  RaftStorage storage(disk);
  storage.save_hard_state(3, NodeId::server(2));
  storage.save_entry(1, LogEntry::noop(1));
  storage.save_entry(2, LogEntry::noop(3));
  std::vector<int> ran;
  CHECK(storage.sync_gate().after_sync([&] { ran.push_back(1); }));
  CHECK(ran.empty());
  storage.save_entry(3, LogEntry::noop(3));  // not covered by the first sync
  REQUIRE(disk.has_pending_sync());
  std::vector<std::function<void()>> ready =
      storage.sync_gate().on_sync_complete(disk.complete_oldest_sync());
  REQUIRE(ready.size() == 1);
  ready[0]();
  CHECK(ran == std::vector<int>{1});
  disk.crash();
  RecoveredState recovered = RaftStorage(disk).load();
  CHECK(recovered.current_term == 3);
  CHECK(recovered.voted_for == NodeId::server(2));
  REQUIRE(recovered.entries.size() == 2);
  CHECK(recovered.entries[1] == LogEntry::noop(3));
}

TEST_CASE("the gate runs at once when nothing is unsynced", "[raft]") {
  FakeStorage disk;
  RaftStorage storage(disk);
  bool ran = false;
  CHECK(storage.sync_gate().after_sync([&] { ran = true; }));
  CHECK(ran);
  CHECK_FALSE(disk.has_pending_sync());
}

TEST_CASE("a full gate sheds the newest action instead of growing without bound", "[raft]") {
  FakeStorage disk;
  RaftStorage storage(disk);
  storage.save_hard_state(1, NodeId::none());
  size_t ran = 0;
  for (size_t i = 0; i < SyncGate::max_held_actions; ++i) {
    REQUIRE(storage.sync_gate().after_sync([&] { ++ran; }));
  }
  CHECK_FALSE(storage.sync_gate().after_sync([&] { ++ran; }));
  std::vector<std::function<void()>> ready =
      storage.sync_gate().on_sync_complete(disk.complete_oldest_sync());
  CHECK(ready.size() == SyncGate::max_held_actions);
  for (auto& action : ready) {
    action();
  }
  CHECK(ran == SyncGate::max_held_actions);
}

TEST_CASE("erasing entries removes exactly the range", "[raft]") {
  FakeStorage disk;
  RaftStorage storage(disk);
  storage.save_hard_state(2, NodeId::none());
  for (uint64_t index = 1; index <= 5; ++index) {
    storage.save_entry(index, LogEntry::noop(index <= 2 ? 1 : 2));
  }
  storage.erase_entries(3, 5);
  CHECK(storage.load().entries.size() == 2);
  CHECK(RaftStorage::log_key(12) == "log/00000000000000000012");
}
