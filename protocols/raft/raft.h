// File: raft.h
// The public entry point of the Raft protocol (Ongaro and Ousterhout, "In Search of an
// Understandable Consensus Algorithm (Extended Version)", 2014): its configuration and the factory
// the cluster calls on every start and restart. Owns no invariant itself; see raft_node.h.
#pragma once

#include <cstdint>
#include <memory>

#include "sim/base/time.h"
#include "sim/env/node_env.h"
#include "sim/env/protocol.h"

namespace faultline::raft {

struct RaftConfig {
  // Section 5.2: each election draws its timeout uniformly from [min, max] (env.rng()).
  Duration election_timeout_min{Duration::milliseconds(150)};
  Duration election_timeout_max{Duration::milliseconds(300)};
  // Section 5.2: a leader sends (possibly empty) AppendEntries at this period.
  Duration heartbeat_interval{Duration::milliseconds(50)};
  // STYLE.md 7: at most this many entries travel in one AppendEntries.
  uint32_t max_entries_per_append = 64;
  // Negative-test variants (STYLE.md 10). commit_old_term_by_count breaks section 5.4.2: the
  // leader commits the highest index stored on a majority whatever its term (Figure 8).
  enum class Bug { none, commit_old_term_by_count } bug = Bug::none;
};

// Builds a Raft node on `env`. on_start() recovers currentTerm, votedFor and the log from
// env.storage() (Figure 2, "Persistent state on all servers"). `env` must outlive the result.
std::unique_ptr<Protocol> make_raft(NodeEnv& env, const RaftConfig& config);

}  // namespace faultline::raft
