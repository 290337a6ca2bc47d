// File: sim_storage_test.cc
// The simulated disk: writes are visible at once, durable only after their sync completes, and a
// crash keeps exactly the synced ones (or everything when the disk keeps unsynced writes).
#include <catch2/catch.hpp>
#include <vector>

#include "sim/cluster/sim_storage.h"

using namespace faultline;

namespace {

struct Disk {
  std::vector<StorageOpId> issued;
  std::vector<uint64_t> new_writes;
  SimStorage storage{[this](StorageOpId op, uint64_t writes) {
    issued.push_back(op);
    new_writes.push_back(writes);
  }};
};

}  // namespace

TEST_CASE("a crash after an unsynced write loses exactly that write", "[storage]") {
  Disk disk;
  disk.storage.put("a", "1");
  StorageOpId first = disk.storage.sync();
  disk.storage.put("b", "2");
  CHECK(disk.storage.get("b") == "2");  // visible before it is durable
  disk.storage.complete_sync(first);
  disk.storage.crash(/*lose_unsynced=*/true);
  CHECK(disk.storage.get("a") == "1");
  CHECK_FALSE(disk.storage.get("b").has_value());
  CHECK(disk.storage.contents().size() == 1);
}

TEST_CASE("a sync covers only the writes issued before it", "[storage]") {
  Disk disk;
  disk.storage.put("a", "1");
  StorageOpId first = disk.storage.sync();
  disk.storage.put("a", "2");
  disk.storage.erase("missing");
  StorageOpId second = disk.storage.sync();
  CHECK(disk.issued == std::vector<StorageOpId>{first, second});
  disk.storage.complete_sync(first);
  CHECK(disk.storage.durable().at("a") == "1");
  CHECK(disk.storage.get("a") == "2");
  CHECK(disk.storage.unsynced_writes() == 2);
  disk.storage.complete_sync(second);
  CHECK(disk.storage.durable().at("a") == "2");
  CHECK(disk.storage.unsynced_writes() == 0);
}

TEST_CASE("a sync in flight at the crash is void", "[storage]") {
  Disk disk;
  disk.storage.put("a", "1");
  StorageOpId op = disk.storage.sync();
  disk.storage.crash(/*lose_unsynced=*/true);
  CHECK_FALSE(disk.storage.is_next_sync(op));
  CHECK(disk.storage.contents().empty());
}

TEST_CASE("erase and erase_range are buffered like puts", "[storage]") {
  Disk disk;
  for (const char* key : {"log/1", "log/2", "log/3", "term"}) {
    disk.storage.put(key, "x");
  }
  disk.storage.complete_sync(disk.storage.sync());
  disk.storage.put("log/4", "y");
  disk.storage.erase_range("log/2", "log/9");
  CHECK(disk.storage.get("log/1") == "x");
  CHECK_FALSE(disk.storage.get("log/2"));
  CHECK_FALSE(disk.storage.get("log/4"));
  CHECK(disk.storage.contents().size() == 2);
  disk.storage.crash(/*lose_unsynced=*/true);  // the erases were never synced: the old log is back
  CHECK(disk.storage.get("log/3") == "x");
  CHECK_FALSE(disk.storage.get("log/4"));
}

TEST_CASE("a disk that keeps unsynced writes keeps everything", "[storage]") {
  Disk disk;
  disk.storage.put("a", "1");
  disk.storage.sync();
  disk.storage.put("b", "2");
  disk.storage.erase("a");
  disk.storage.crash(/*lose_unsynced=*/false);
  CHECK_FALSE(disk.storage.get("a"));
  CHECK(disk.storage.get("b") == "2");
  CHECK(disk.storage.durable().size() == 1);
}
