// File: cluster_disk_test.cc
// Disk faults through the Cluster (issue 3): crash losing unsynced writes, torn last writes,
// corruption, wipes, full disks, capacity, sync timing and order, and Raft's fail-stop answers to
// them, and a sweep of random disk faults under the safety checkers. A scripted protocol (Scribe)
// writes from the test and records what each boot recovered.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/disk/disk_model.h"
#include "protocols/raft/raft.h"
#include "sim/check/checker_set.h"
#include "sim/cluster/cluster.h"

using namespace faultline;

namespace {

constexpr uint64_t seed = 42;

struct Boot {
  BootMode mode = BootMode::bootstrap;
  std::map<std::string, std::string, std::less<>> contents;
  std::vector<std::string> corrupted;
};

struct Completion {
  NodeId node;
  StorageOpId op = 0;
  StorageStatus status = StorageStatus::ok;
  Time at;
};

struct World {
  Simulator* simulator = nullptr;
  std::map<NodeId, NodeEnv*> live;  // running nodes' environments
  std::map<NodeId, std::vector<Boot>> boots;
  std::vector<Completion> completions;
  bool halt_on_no_space = false;
};

// Does nothing by itself; the test writes through its env and reads what it recorded.
class Scribe final : public Protocol {
 public:
  Scribe(NodeEnv& env, World& world) : env_(env), world_(world) {}
  ~Scribe() override { world_.live.erase(env_.self()); }

  void on_start() override {
    world_.live[env_.self()] = &env_;
    world_.boots[env_.self()].push_back(
        Boot{env_.boot_mode(), env_.storage().contents(), env_.storage().corrupted_keys()});
  }
  void on_message(NodeId, const MessagePtr&) override {}
  void on_timer(TimerId, uint64_t) override {}
  void on_storage_complete(StorageOpId op, StorageStatus status) override {
    world_.completions.push_back(Completion{env_.self(), op, status, world_.simulator->now()});
    if (status == StorageStatus::no_space && world_.halt_on_no_space) {
      env_.halt("no_space");
    }
  }

 private:
  NodeEnv& env_;
  World& world_;
};

// Keeps every trace line without its time column: "n1 disk.torn key=k kept_bytes=7".
class Lines final : public TraceObserver {
 public:
  void on_trace(const TraceEvent& event) override {
    fmt::memory_buffer buffer;
    TraceSink::format_line(event, buffer);
    std::string line = fmt::to_string(buffer);
    lines.push_back(line.substr(line.find(' ') + 1));
  }
  bool has(const std::string& line) const {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  }
  size_t count_prefix(const std::string& prefix) const {
    return static_cast<size_t>(std::count_if(
        lines.begin(), lines.end(), [&](const auto& line) { return line.rfind(prefix, 0) == 0; }));
  }
  std::vector<std::string> lines;
};

struct Rig {
  explicit Rig(DiskConfig disk, uint32_t servers = 1, bool raft = false) {
    world.simulator = &simulator;
    trace.add_observer(&lines);
    ClusterConfig config;
    config.server_count = servers;
    config.disk = disk;
    ProtocolFactory factory;
    if (raft) {
      factory = [](NodeEnv& env) { return raft::make_raft(env, raft::RaftConfig{}); };
    } else {
      factory = [this](NodeEnv& env) { return std::make_unique<Scribe>(env, world); };
    }
    cluster = std::make_unique<Cluster>(config, factory, streams, simulator, trace);
    cluster->start();
  }
  void run_for(Duration duration) { simulator.run_until(simulator.now() + duration, 10'000'000); }
  Storage& storage(uint32_t number) { return world.live.at(NodeId::server(number))->storage(); }
  const Boot& last_boot(uint32_t number) { return world.boots.at(NodeId::server(number)).back(); }

  RngStreams streams{seed};
  Simulator simulator;
  TraceSink trace;
  Lines lines;
  World world;
  std::unique_ptr<Cluster> cluster;
};

const NodeId n1 = NodeId::server(1);

using Contents = std::map<std::string, std::string, std::less<>>;

}  // namespace

TEST_CASE("a crash after an unsynced write loses exactly that write", "[disk][cluster]") {
  Rig rig(DiskConfig{});
  rig.storage(1).put("a", "1");
  rig.storage(1).put("b", "2");
  rig.storage(1).sync();
  rig.run_for(Duration::milliseconds(2));
  rig.storage(1).put("c", "3");
  rig.cluster->crash(n1);
  CHECK(rig.lines.has("n1 node.crash unsynced_writes_lost=1"));
  rig.cluster->restart(n1);
  CHECK(rig.last_boot(1).mode == BootMode::rejoin);
  CHECK(rig.last_boot(1).contents == Contents{{"a", "1"}, {"b", "2"}});
  CHECK(rig.cluster->counters().torn_writes == 0);
}

TEST_CASE("a torn last write: prefix from the disk stream, discarded at recovery, traced",
          "[disk][cluster]") {
  DiskConfig config;
  config.torn_write = Ratio::one();
  Rig rig(config);
  rig.storage(1).put("k", "old");
  rig.storage(1).sync();
  rig.run_for(Duration::milliseconds(2));
  rig.storage(1).put("a", "1");
  rig.storage(1).put("k", "new");  // the last unsynced write: 16 + 1 + 3 bytes on disk
  rig.cluster->crash(n1);

  DiskModel model(config);
  Rng disk_stream = rig.streams.derive("disk", 1);
  REQUIRE(model.tears_on_crash(disk_stream));
  uint64_t kept = model.torn_kept_bytes(DiskModel::record_bytes(1, 3), disk_stream);
  CHECK(rig.lines.has("n1 node.crash unsynced_writes_lost=2"));
  CHECK(rig.lines.has(fmt::format("n1 disk.torn key=k kept_bytes={}", kept)));
  CHECK(rig.cluster->counters().torn_writes == 1);

  rig.cluster->restart(n1);
  CHECK(rig.lines.has("n1 disk.torn_discarded key=k"));
  CHECK(rig.last_boot(1).contents == Contents{{"k", "old"}});
  CHECK(rig.last_boot(1).corrupted.empty());
}

TEST_CASE("crash(tear) tears the last unsynced write whatever torn_write says", "[disk][cluster]") {
  Rig rig(DiskConfig{});                  // torn_write 0
  rig.cluster->crash(n1, /*tear=*/true);  // nothing unsynced: nothing to tear
  CHECK(rig.lines.count_prefix("n1 disk.torn") == 0);
  rig.cluster->restart(n1);
  rig.storage(1).put("key", "value");
  rig.cluster->crash(n1, /*tear=*/true);
  DiskModel model(DiskConfig{});
  Rng disk_stream = rig.streams.derive("disk", 1);  // no chance draw when forced
  uint64_t kept = model.torn_kept_bytes(DiskModel::record_bytes(3, 5), disk_stream);
  CHECK(rig.lines.has(fmt::format("n1 disk.torn key=key kept_bytes={}", kept)));
  rig.cluster->restart(n1);
  CHECK(rig.lines.has("n1 disk.torn_discarded key=key"));
  CHECK(rig.last_boot(1).contents.empty());
}

TEST_CASE("corrupt hides exactly the picked records and reports them", "[disk][cluster]") {
  Rig rig(DiskConfig{});
  std::vector<std::string> keys = {"a", "b", "c", "d", "e"};
  for (const std::string& key : keys) {
    rig.storage(1).put(key, key + key);
  }
  rig.storage(1).sync();
  rig.run_for(Duration::milliseconds(2));
  CHECK(rig.cluster->corrupt(n1, 2) == 2);

  DiskModel model(DiskConfig{});
  Rng disk_stream = rig.streams.derive("disk", 1);
  std::vector<size_t> picked = model.pick_corrupted(keys.size(), 2, disk_stream);
  std::vector<std::string> expected_corrupted;
  Contents expected_contents;
  for (size_t index : picked) {
    CHECK(rig.lines.has("n1 disk.corrupt key=" + keys[index]));
    expected_corrupted.push_back(keys[index]);
  }
  std::sort(expected_corrupted.begin(), expected_corrupted.end());
  for (const std::string& key : keys) {
    if (!std::binary_search(expected_corrupted.begin(), expected_corrupted.end(), key)) {
      expected_contents[key] = key + key;
    }
  }
  CHECK(rig.cluster->counters().corruptions == 2);
  CHECK(rig.storage(1).corrupted_keys().empty());  // seen only when the disk is recovered

  rig.cluster->crash(n1);
  rig.cluster->restart(n1);
  CHECK(rig.last_boot(1).corrupted == expected_corrupted);
  CHECK(rig.last_boot(1).contents == expected_contents);
  // Only intact records are candidates; with none left there is nothing to corrupt.
  CHECK(rig.cluster->corrupt(n1, 100) == 3);
  CHECK(rig.cluster->corrupt(n1, 1) == 0);
  CHECK(rig.lines.has("n1 disk.corrupt_ignored reason=no_intact_records"));
  CHECK(rig.cluster->counters().corruptions == 5);
}

TEST_CASE("wipe empties the disk and restarts the node as a rejoining member", "[disk][cluster]") {
  Rig rig(DiskConfig{});
  CHECK(rig.last_boot(1).mode == BootMode::bootstrap);
  rig.storage(1).put("a", "1");
  rig.storage(1).sync();
  rig.run_for(Duration::milliseconds(2));
  rig.storage(1).put("b", "2");
  rig.cluster->wipe(n1);
  CHECK(rig.lines.has("n1 node.crash unsynced_writes_lost=1 cause=wipe"));
  CHECK(rig.lines.has("n1 disk.wipe"));
  CHECK(rig.cluster->is_up(n1));
  CHECK(rig.last_boot(1).mode == BootMode::rejoin);
  CHECK(rig.last_boot(1).contents.empty());
  CHECK(rig.cluster->counters().wipes == 1);
  rig.cluster->crash(n1);  // a down node is wiped and restarted too
  rig.cluster->wipe(n1);
  CHECK(rig.cluster->is_up(n1));
  CHECK(rig.cluster->counters().wipes == 2);
}

TEST_CASE("a full disk fails syncs without durability; a halting node crashes after its handler",
          "[disk][cluster]") {
  Rig rig(DiskConfig{});
  rig.world.halt_on_no_space = true;
  rig.storage(1).put("a", "1");
  rig.cluster->set_disk_full(n1, true);
  CHECK(rig.lines.has("n1 disk.full"));
  StorageOpId op = rig.storage(1).sync();
  rig.run_for(Duration::milliseconds(2));
  REQUIRE(rig.world.completions.size() == 1);
  CHECK(rig.world.completions[0].status == StorageStatus::no_space);
  CHECK(rig.lines.has(fmt::format("n1 disk.sync_failed op={} reason=disk_full", op)));
  CHECK(rig.lines.has("n1 node.halt reason=no_space"));
  CHECK(rig.lines.has("n1 node.crash unsynced_writes_lost=1 cause=halt"));
  CHECK_FALSE(rig.cluster->is_up(n1));
  CHECK(rig.cluster->counters().sync_failures == 1);
  CHECK(rig.cluster->counters().halts == 1);
  rig.cluster->set_disk_full(n1, false);
  CHECK(rig.lines.has("n1 disk.full_end"));
  rig.cluster->restart(n1);
  CHECK(rig.last_boot(1).contents.empty());  // the failed sync made nothing durable
  // Once the disk has room again, syncs succeed.
  rig.storage(1).put("b", "2");
  rig.storage(1).sync();
  rig.run_for(Duration::milliseconds(2));
  CHECK(rig.world.completions.back().status == StorageStatus::ok);
}

TEST_CASE("a sync that would exceed the disk's capacity fails", "[disk][cluster]") {
  DiskConfig config;
  config.capacity_bytes = 8;
  Rig rig(config);
  rig.storage(1).put("a", "1234");  // 5 bytes
  StorageOpId first = rig.storage(1).sync();
  rig.storage(1).put("b", "1234");  // 10 bytes in all
  StorageOpId second = rig.storage(1).sync();
  rig.run_for(Duration::milliseconds(2));
  REQUIRE(rig.world.completions.size() == 2);
  CHECK(rig.world.completions[0].status == StorageStatus::ok);
  CHECK(rig.world.completions[1].status == StorageStatus::no_space);
  CHECK_FALSE(rig.lines.has(fmt::format("n1 disk.sync_failed op={} reason=capacity", first)));
  CHECK(rig.lines.has(fmt::format("n1 disk.sync_failed op={} reason=capacity", second)));
  rig.cluster->crash(n1);
  rig.cluster->restart(n1);
  CHECK(rig.last_boot(1).contents == Contents{{"a", "1234"}});
}

TEST_CASE("write_latency sums into the completion time exactly, and completions stay in order",
          "[disk][cluster]") {
  DiskConfig config;
  config.sync_latency = Duration::milliseconds(1);
  config.write_latency = Duration::microseconds(100);
  Rig rig(config);
  Storage& storage = rig.storage(1);
  for (int i = 0; i < 3; ++i) {
    storage.put(fmt::format("k{}", i), "v");
  }
  StorageOpId first = storage.sync();  // 3 writes: 1.3ms
  storage.put("k3", "v");
  StorageOpId second = storage.sync();  // 1 write: 1.1ms, but not before the first: 1.3ms
  rig.run_for(Duration::milliseconds(2));
  for (int i = 0; i < 10; ++i) {
    storage.put(fmt::format("m{}", i), "v");
  }
  StorageOpId third = storage.sync();   // at 2ms, 10 writes: 4ms
  StorageOpId fourth = storage.sync();  // nothing new: 3ms, held to 4ms
  storage.put("m10", "v");
  StorageOpId fifth = storage.sync();  // 1 write: 3.1ms, held to 4ms
  rig.run_for(Duration::milliseconds(5));

  Time zero = Time::zero();
  std::vector<std::pair<StorageOpId, Time>> expected = {
      {first, zero + Duration::microseconds(1300)}, {second, zero + Duration::microseconds(1300)},
      {third, zero + Duration::milliseconds(4)},    {fourth, zero + Duration::milliseconds(4)},
      {fifth, zero + Duration::milliseconds(4)},
  };
  REQUIRE(rig.world.completions.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    CHECK(rig.world.completions[i].op == expected[i].first);
    CHECK(rig.world.completions[i].at == expected[i].second);
    CHECK(rig.world.completions[i].status == StorageStatus::ok);
  }
}

TEST_CASE("Raft bootstraps on an empty disk but refuses to rejoin wiped or corrupt",
          "[disk][cluster][raft]") {
  Rig rig(DiskConfig{}, 3, /*raft=*/true);
  rig.run_for(Duration::seconds(2));
  CHECK(rig.lines.count_prefix("n1 raft.refuse_start") == 0);
  REQUIRE(!rig.cluster->leader().is_none());
  NodeId wiped = rig.cluster->leader().number() == 3 ? NodeId::server(2) : NodeId::server(3);
  std::string name = wiped.name();

  rig.cluster->wipe(wiped);
  CHECK(rig.lines.has(name + " disk.wipe"));
  CHECK(rig.lines.has(name + " raft.refuse_start reason=wiped corrupted_keys=0"));
  CHECK(rig.lines.has(name + " node.halt reason=wiped"));
  CHECK(rig.lines.has(name + " node.crash unsynced_writes_lost=0 cause=halt"));
  CHECK_FALSE(rig.cluster->is_up(wiped));
  rig.cluster->restart(wiped);  // still refuses: the disk did not come back
  CHECK_FALSE(rig.cluster->is_up(wiped));
  CHECK(rig.cluster->counters().halts == 2);

  // A rejoin with intact state works; with a corrupted record it is refused.
  rig.cluster->crash(n1);
  rig.cluster->restart(n1);
  CHECK(rig.cluster->is_up(n1));
  rig.run_for(Duration::seconds(1));
  REQUIRE(rig.cluster->corrupt(n1, 1) == 1);
  rig.cluster->crash(n1);
  rig.cluster->restart(n1);
  CHECK(rig.lines.has("n1 raft.refuse_start reason=corrupt corrupted_keys=1"));
  CHECK_FALSE(rig.cluster->is_up(n1));
}

TEST_CASE("Raft halts when a sync fails for lack of space", "[disk][cluster][raft]") {
  Rig rig(DiskConfig{}, 3, /*raft=*/true);
  rig.run_for(Duration::seconds(2));
  NodeId leader = rig.cluster->leader();
  REQUIRE(!leader.is_none());
  std::vector<NodeId> followers;
  for (uint32_t number = 1; number <= 3; ++number) {
    if (NodeId::server(number) != leader) {
      followers.push_back(NodeId::server(number));
      rig.cluster->set_disk_full(NodeId::server(number), true);
    }
  }
  // The leader's crash makes a follower campaign: persisting the new term fails, so it halts.
  rig.cluster->crash(leader);
  rig.run_for(Duration::seconds(2));
  for (NodeId follower : followers) {
    CHECK(rig.lines.count_prefix(follower.name() + " disk.sync_failed") >= 1);
    CHECK(rig.lines.has(follower.name() + " node.halt reason=no_space"));
    CHECK_FALSE(rig.cluster->is_up(follower));
  }
  CHECK(rig.cluster->counters().halts == 2);
  CHECK(rig.lines.count_prefix(followers[0].name() + " raft.become_leader") == 0);

  // With room again, the members rejoin from what was durable and elect a leader.
  for (uint32_t number = 1; number <= 3; ++number) {
    rig.cluster->set_disk_full(NodeId::server(number), false);
    rig.cluster->restart(NodeId::server(number));
  }
  rig.run_for(Duration::seconds(2));
  CHECK(rig.cluster->counters().halts == 2);
  CHECK(!rig.cluster->leader().is_none());
}

TEST_CASE("random disk faults never break Raft's safety checks", "[disk][cluster][raft]") {
  ClusterCounters total;
  int64_t commits = 0;
  for (uint64_t run_seed = 1; run_seed <= 30; ++run_seed) {
    RngStreams streams(run_seed);
    Simulator simulator;
    TraceSink trace;
    std::unique_ptr<CheckerSet> checkers =
        std::move(CheckerSet::make(known_safety_checks(), 5).value());
    trace.add_observer(checkers.get());
    ClusterConfig config;
    config.server_count = 5;
    config.workload.clients = 2;
    config.disk.torn_write = Ratio{1, 2};
    config.disk.write_latency = Duration::microseconds(50);
    config.disk.capacity_bytes = run_seed % 3 == 0 ? 20'000 : 0;
    Cluster cluster(
        config, [](NodeEnv& env) { return raft::make_raft(env, raft::RaftConfig{}); }, streams,
        simulator, trace);
    cluster.start();
    Rng faults = streams.derive("test-faults");
    for (int step = 0; step < 200; ++step) {
      simulator.run_until(simulator.now() + Duration::milliseconds(50), 10'000'000);
      NodeId node = NodeId::server(static_cast<uint32_t>(faults.uniform(1, 5)));
      switch (faults.uniform(0, 9)) {
        case 0:
          cluster.crash(node, /*tear=*/faults.uniform(0, 1) == 1);
          break;
        case 1:
        case 2:
          cluster.restart(node);
          break;
        case 3:
          if (faults.uniform(0, 5) == 0) {
            cluster.corrupt(node, 2);
          }
          break;
        case 4:
          if (faults.uniform(0, 5) == 0) {
            cluster.wipe(node);
          }
          break;
        case 5:
          cluster.set_disk_full(node, faults.uniform(0, 3) == 0);
          break;
        default:
          break;
      }
    }
    INFO("seed " << run_seed);
    CHECK_FALSE(checkers->violation().has_value());
    if (checkers->violation()) {
      FAIL_CHECK(checkers->violation()->to_string());
    }
    const ClusterCounters& counters = cluster.counters();
    total.torn_writes += counters.torn_writes;
    total.corruptions += counters.corruptions;
    total.wipes += counters.wipes;
    total.sync_failures += counters.sync_failures;
    total.halts += counters.halts;
    commits += cluster.roles().highest_commit_index();
  }
  // The sweep exercised every fault and the cluster still committed.
  CHECK(total.torn_writes > 0);
  CHECK(total.corruptions > 0);
  CHECK(total.wipes > 0);
  CHECK(total.sync_failures > 0);
  CHECK(total.halts > 0);
  CHECK(commits > 0);
}
