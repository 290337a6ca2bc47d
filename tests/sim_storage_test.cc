// File: sim_storage_test.cc
// The simulated disk: writes are visible at once, durable only after their sync completes, and a
// crash keeps exactly the synced ones (or everything when the disk keeps unsynced writes); torn,
// corrupted, full and wiped disks (issue 3).
#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <string>
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

TEST_CASE("each sync reports the writes no earlier sync covers", "[storage][disk]") {
  Disk disk;
  disk.storage.put("a", "1");
  disk.storage.put("b", "2");
  disk.storage.erase("c");
  disk.storage.sync();
  disk.storage.put("a", "3");
  disk.storage.sync();
  disk.storage.sync();
  CHECK(disk.new_writes == std::vector<uint64_t>{3, 1, 0});
}

TEST_CASE("a torn last write is discarded at recovery; its key keeps the durable value",
          "[storage][disk]") {
  Disk disk;
  disk.storage.put("k", "old");
  disk.storage.complete_sync(disk.storage.sync());
  disk.storage.put("a", "1");
  disk.storage.put("k", "new");
  std::optional<SimStorage::Record> last = disk.storage.last_unsynced_record();
  REQUIRE(last.has_value());
  CHECK(last->key == "k");
  CHECK(last->key_bytes == 1);
  CHECK(last->value_bytes == 3);
  disk.storage.crash(/*lose_unsynced=*/true, /*tear_last=*/true);
  CHECK(disk.storage.recover() == std::optional<std::string>("k"));
  CHECK(disk.storage.get("k") == "old");
  CHECK_FALSE(disk.storage.get("a"));
  CHECK_FALSE(disk.storage.recover().has_value());  // discarded once
}

TEST_CASE("a disk that keeps unsynced writes still loses the torn one", "[storage][disk]") {
  Disk disk;
  disk.storage.put("a", "1");
  disk.storage.put("b", "2");
  disk.storage.crash(/*lose_unsynced=*/false, /*tear_last=*/true);
  CHECK(disk.storage.recover() == std::optional<std::string>("b"));
  CHECK(disk.storage.get("a") == "1");
  CHECK_FALSE(disk.storage.get("b"));
  CHECK(disk.storage.durable_bytes() == 2);
}

TEST_CASE("corrupted records are hidden and reported at recovery until rewritten",
          "[storage][disk]") {
  Disk disk;
  for (const char* key : {"a", "b", "c"}) {
    disk.storage.put(key, "x");
  }
  disk.storage.complete_sync(disk.storage.sync());
  disk.storage.corrupt("c");
  disk.storage.corrupt("a");
  CHECK(disk.storage.intact_durable_keys() == std::vector<std::string>{"b"});
  CHECK(disk.storage.get("a") == "x");  // the running node does not read its disk
  CHECK(disk.storage.corrupted_keys().empty());
  disk.storage.crash(true);
  disk.storage.recover();
  CHECK(disk.storage.corrupted_keys() == std::vector<std::string>{"a", "c"});
  CHECK(disk.storage.contents() == std::map<std::string, std::string, std::less<>>{{"b", "x"}});
  CHECK_FALSE(disk.storage.get("a"));
  CHECK(disk.storage.durable_bytes() == 2);
  // A new durable record of "a" supersedes the corrupted one; "c" stays corrupted.
  disk.storage.put("a", "y");
  disk.storage.complete_sync(disk.storage.sync());
  disk.storage.crash(true);
  disk.storage.recover();
  CHECK(disk.storage.corrupted_keys() == std::vector<std::string>{"c"});
  CHECK(disk.storage.get("a") == "y");
}

TEST_CASE("a full disk fails syncs and makes nothing durable", "[storage][disk]") {
  Disk disk;
  disk.storage.put("a", "1");
  disk.storage.set_full(true);
  StorageOpId failed = disk.storage.sync();
  CHECK(disk.storage.complete_sync(failed) == StorageStatus::no_space);
  CHECK(disk.storage.durable().empty());
  CHECK(disk.storage.get("a") == "1");  // still buffered
  CHECK(disk.storage.unsynced_writes() == 1);
  disk.storage.set_full(false);
  CHECK(disk.storage.complete_sync(disk.storage.sync()) == StorageStatus::ok);
  CHECK(disk.storage.durable().at("a") == "1");
}

TEST_CASE("a sync that would exceed the capacity fails", "[storage][disk]") {
  std::vector<StorageOpId> issued;
  SimStorage storage([&](StorageOpId op, uint64_t) { issued.push_back(op); },
                     /*capacity_bytes=*/10);
  storage.put("a", "12345");  // 6 bytes
  CHECK(storage.complete_sync(storage.sync()) == StorageStatus::ok);
  storage.put("b", "12345");  // 12 bytes in all
  CHECK(storage.complete_sync(storage.sync()) == StorageStatus::no_space);
  CHECK(storage.durable_bytes() == 6);
  storage.erase("a");  // with it, the batch fits: 6 bytes
  CHECK(storage.complete_sync(storage.sync()) == StorageStatus::ok);
  CHECK(storage.durable_bytes() == 6);
  CHECK(storage.durable().count("b") == 1);
  storage.put("b", "1234567890");  // overwrite: 11 bytes
  CHECK(storage.complete_sync(storage.sync()) == StorageStatus::no_space);
  storage.put("b", "123456789");  // 10 bytes: exactly the capacity
  CHECK(storage.complete_sync(storage.sync()) == StorageStatus::ok);
  CHECK(storage.durable_bytes() == 10);
}

TEST_CASE("a wipe erases records, corruption marks and a torn tail", "[storage][disk]") {
  Disk disk;
  disk.storage.put("a", "1");
  disk.storage.put("b", "2");
  disk.storage.complete_sync(disk.storage.sync());
  disk.storage.corrupt("a");
  disk.storage.put("c", "3");
  disk.storage.crash(true, /*tear_last=*/true);
  disk.storage.wipe();
  CHECK_FALSE(disk.storage.recover().has_value());
  CHECK(disk.storage.contents().empty());
  CHECK(disk.storage.corrupted_keys().empty());
  CHECK(disk.storage.durable_bytes() == 0);
}
