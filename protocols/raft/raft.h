// File: raft.h
// The public entry point of the Raft protocol (Ongaro and Ousterhout, "In Search of an
// Understandable Consensus Algorithm (Extended Version)", 2014): its configuration and the factory
// the cluster calls on every start and restart. Owns no invariant itself; see raft_node.h.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

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
  // STYLE.md 7: at most this many entries travel in one AppendEntries, and at most
  // max_append_bytes of entries (but always one): a catch-up message larger than a link's queue
  // would be dropped on every retry and the follower would never catch up.
  uint32_t max_entries_per_append = 64;
  uint64_t max_append_bytes = 1024;
  // Raft thesis (Ongaro 2014) section 9.6: a server whose election timer fires first asks a
  // majority whether it could win at term + 1 (PreVote), without changing its own state; only
  // then does it become a candidate. Keeps a partitioned server's term from growing (B11).
  bool pre_vote = true;
  // Thesis sections 6.2 and 4.2.3 (as etcd-io/raft's CheckQuorum): a leader that has not heard
  // from a majority within election_timeout_max steps down (keeping its vote); a server that
  // heard from a current leader within election_timeout_min ignores RequestVote and PreVote
  // requests of a higher term (neither adopting the term nor granting).
  bool check_quorum = true;
  // Negative-test variants (STYLE.md 10; cases in shared/cases/protocol-bugs.md):
  //  * commit_old_term_by_count breaks section 5.4.2: the leader commits the highest index
  //    stored on a majority whatever its term (Figure 8).
  //  * clear_vote_on_append (B07, camunda#5356): a follower clears votedFor when the first
  //    AppendEntries of the term arrives from the leader it voted for: it can vote again.
  //  * count_duplicate_acks (B08, jgroups-raft#24): the leader counts successful
  //    AppendEntriesResponses per index as a counter, not per distinct follower, so a duplicated
  //    or re-sent response counts twice.
  //  * ack_before_sync (B23): a follower answers AppendEntries and grants votes before the sync
  //    of the new entries / votedFor completes.
  enum class Bug {
    none,
    commit_old_term_by_count,
    clear_vote_on_append,
    count_duplicate_acks,
    ack_before_sync,
  } bug = Bug::none;
};

// The scenario name of each Bug ("none" for Bug::none), and back (nullopt for an unknown name).
std::string_view bug_name(RaftConfig::Bug bug);
std::optional<RaftConfig::Bug> bug_from_name(std::string_view name);

// Builds a Raft node on `env`. on_start() recovers currentTerm, votedFor and the log from
// env.storage() (Figure 2, "Persistent state on all servers"). `env` must outlive the result.
std::unique_ptr<Protocol> make_raft(NodeEnv& env, const RaftConfig& config);

}  // namespace faultline::raft
