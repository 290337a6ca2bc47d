// File: leaderless_config.h
// The configuration of the leaderless (Dynamo-style) replicated key-value store: DeCandia et al.,
// "Dynamo: Amazon's highly available key-value store", SOSP 2007. Replication factor and virtual
// nodes of the consistent-hash ring (section 4.2, 4.3), the consistency levels W and R of a
// coordinator (section 4.5), how a put's version is chosen, read repair (section 5, "read
// repair") and anti-entropy (section 4.7). See README.md "Leaderless".
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "sim/base/time.h"

namespace faultline::replication {

struct LeaderlessConfig {
  // How many answers a coordinator needs out of a key's `replication_factor` replicas:
  // one = 1, quorum = replication_factor / 2 + 1, all = replication_factor.
  enum class Level { one, quorum, all };
  // What a coordinator does with replicas that answered a get with an older version:
  //  none:  nothing (only anti-entropy repairs them);
  //  async: after answering the client, it writes the newest version to every replica that
  //         answered older (Dynamo section 5; Cassandra's read_repair_chance = 1);
  //  sync:  before answering, it writes the newest version back until the write level is
  //         reached (the second phase of a read in Attiya, Bar-Noy and Dolev 1995).
  enum class ReadRepair { none, async, sync };
  // How a put's version timestamp is chosen (README.md "Versions"):
  //  clock:       the coordinator's local clock (Cassandra's client/coordinator timestamps):
  //               one round trip, but clock skew reorders writes (last writer wins by clock,
  //               not by real time: an acknowledged write can be overwritten by an older one);
  //  quorum_read: the coordinator first reads the versions of R replicas and writes the highest
  //               timestamp + 1 (the multi-writer register of Lynch and Shvartsman 1997 over
  //               Attiya, Bar-Noy and Dolev 1995): robust to skew, two round trips.
  enum class Timestamps { clock, quorum_read };

  // The number of distinct nodes that hold each key (its preference list), 1..nodes.
  uint32_t replication_factor = 3;
  // Ring positions per node (Dynamo section 4.2: virtual nodes spread the key space evenly).
  uint32_t virtual_nodes = 16;
  Level write_consistency = Level::quorum;
  Level read_consistency = Level::quorum;
  ReadRepair read_repair = ReadRepair::async;
  Timestamps timestamps = Timestamps::clock;
  // Every interval each node exchanges one bounded range of the keys it shares with the next
  // peer (round robin); 0 turns anti-entropy off.
  Duration anti_entropy_interval = Duration::milliseconds(500);
  // A coordinator answers `unavailable` when its level is not reached within this (local) time.
  Duration coordinator_timeout = Duration::milliseconds(300);
  // STYLE.md 7: at most this many items (and about max_message_bytes of them, but always one)
  // travel in one anti-entropy message, so no message grows with the store.
  uint32_t max_sync_items = 16;
  uint64_t max_message_bytes = 1024;
};

// The number of answers `level` needs out of `replication_factor` replicas.
uint32_t level_count(LeaderlessConfig::Level level, uint32_t replication_factor);

// Scenario names ("one", "quorum", "all"; "none", "async", "sync"; "clock", "quorum_read") and
// back (nullopt for an unknown name).
std::string_view level_name(LeaderlessConfig::Level level);
std::optional<LeaderlessConfig::Level> level_from_name(std::string_view name);
std::string_view read_repair_name(LeaderlessConfig::ReadRepair read_repair);
std::optional<LeaderlessConfig::ReadRepair> read_repair_from_name(std::string_view name);
std::string_view timestamps_name(LeaderlessConfig::Timestamps timestamps);
std::optional<LeaderlessConfig::Timestamps> timestamps_from_name(std::string_view name);

}  // namespace faultline::replication
