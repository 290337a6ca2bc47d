// File: replication.h
// The public entry point of the replicated key-value service with failover (protocols/replication,
// see README.md): its configuration and the factory the cluster calls on every start and restart.
// Strategies passive (primary-backup: Budhiraja, Marzullo, Schneider and Toueg, "The
// primary-backup approach", 1993) and semi_active (leader-follower: Powell, "Delta-4: a generic
// architecture for dependable distributed computing", 1991) run the same epoch (view) machinery
// of viewstamped replication (Oki and Liskov 1988; Liskov and Cowling 2012). The active strategy
// (state-machine replication over a consensus log) is Raft itself: the runner's factory builds
// protocols/raft for it, so it has no config here.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "protocols/heartbeat/failure_detector.h"
#include "sim/env/node_env.h"
#include "sim/env/protocol.h"

namespace faultline::replication {

struct ReplicationConfig {
  // passive: the primary executes each request and ships the resulting state update (key, value,
  // version) to the backups, which install it without executing anything.
  // semi_active: every replica executes every request, in the order the leader (primary) fixed,
  // using the leader's decision for the one nondeterministic choice (the version timestamp of a
  // put, read from the leader's local clock).
  enum class Strategy { passive, semi_active } strategy = Strategy::passive;
  // The failure detector each replica runs over every peer's heartbeats (interval = heartbeat
  // period, ns); a backup that suspects the primary starts the next epoch.
  heartbeat::DetectorConfig detector;
  // STYLE.md 7: at most this many log entries travel in one Update or LogChunk, and at most
  // max_message_bytes of them (but always one), so that no message grows with the log (a link
  // queue smaller than a message would drop it every time).
  uint32_t max_entries_per_update = 64;
  uint64_t max_message_bytes = 1024;
  // Negative-test variants (STYLE.md 10):
  //  * no_epochs (protocol-bugs.md B22, MongoDB v0): replicas compare progress by the optime of
  //    their last entry (the primary's local clock when it created it) instead of (epoch, index),
  //    and nothing is fenced by epoch: a primary steps down only for a primary whose last optime
  //    is newer, and everyone follows that primary, rolling back what it lacks.
  //  * followers_choose (semi_active): followers draw the version of a put from their own clock
  //    instead of using the leader's decision, so replicas diverge.
  enum class Bug { none, no_epochs, followers_choose } bug = Bug::none;
};

// Scenario names ("passive", "semi_active"; "none", "no_epochs", "followers_choose") and back
// (nullopt for an unknown name).
std::string_view strategy_name(ReplicationConfig::Strategy strategy);
std::optional<ReplicationConfig::Strategy> strategy_from_name(std::string_view name);
std::string_view bug_name(ReplicationConfig::Bug bug);
std::optional<ReplicationConfig::Bug> bug_from_name(std::string_view name);

// Builds a replica on `env`. on_start() recovers the epoch and the log from env.storage().
// `env` must outlive the result.
std::unique_ptr<Protocol> make_replication(NodeEnv& env, const ReplicationConfig& config);

}  // namespace faultline::replication
