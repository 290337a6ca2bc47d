// File: replica_node.h
// One replica of the primary-backup key-value service (strategies passive and semi_active; see
// README.md). Owns the per-replica invariants:
//  * epochs only grow, and a replica makes a new epoch durable before it tells anyone it joined;
//  * in epoch e it accepts log changes only from the primary of e (fencing: messages of an older
//    epoch are rejected and answered with the newer epoch);
//  * the primary of e serves only after it has the state of a majority that joined e, and
//    acknowledges a client only once a majority (itself included) durably stores the entry;
//  * entries are applied in index order and only once committed.
// Bug::no_epochs replaces the epoch rules by optime comparisons (protocol-bugs.md B22).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "protocols/common/kv_state_machine.h"
#include "protocols/heartbeat/failure_detector.h"
#include "protocols/replication/replica_entry.h"
#include "protocols/replication/replica_storage.h"
#include "protocols/replication/replication.h"
#include "protocols/replication/replication_messages.h"
#include "sim/env/kv_messages.h"
#include "sim/env/node_env.h"
#include "sim/env/protocol.h"

namespace faultline::replication {

// The one timer a replica arms: every detector interval it sends heartbeats, repairs backups and
// asks its detector about the primary.
inline constexpr uint64_t tick_timer_tag = 1;

class ReplicaNode final : public Protocol {
 public:
  // backup: a normal backup of `epoch()` (its log is the epoch's); view_change: joined an epoch
  // whose log it does not hold yet (or, on the epoch's primary, still gathering a majority);
  // primary: serving as the primary of `epoch()`.
  enum class Role { backup, view_change, primary };

  // STYLE.md 7: client requests waiting for their entry to commit.
  static constexpr size_t max_pending_client_requests = 4096;

  ReplicaNode(NodeEnv& env, const ReplicationConfig& config);

  void on_start() override;
  void on_message(NodeId from, const MessagePtr& message) override;
  void on_timer(TimerId timer, uint64_t tag) override;
  void on_storage_complete(StorageOpId op, StorageStatus status) override;

  // Inspection (transcripts).
  Role role() const { return role_; }
  uint64_t epoch() const { return epoch_; }
  uint64_t log_epoch() const { return log_epoch_; }
  NodeId primary() const { return primary_; }
  uint64_t commit_index() const { return commit_index_; }
  uint64_t applied_index() const { return applied_index_; }
  const std::vector<ReplicaEntry>& log() const { return log_; }
  const common::KvStateMachine& state() const { return state_; }

  // The primary of epoch e >= 1 (round robin over n1..nN, as viewstamped replication).
  NodeId primary_of(uint64_t epoch) const;

 private:
  bool bug(ReplicationConfig::Bug which) const { return config_.bug == which; }
  uint64_t last_index() const { return log_.size(); }
  int64_t last_optime() const { return log_.empty() ? 0 : log_.back().optime; }
  uint64_t majority() const { return (env_.peers().size() + 1) / 2 + 1; }
  void trace(std::string_view name, std::initializer_list<TraceField> fields);
  // The local clock as the detector sees it: never decreasing, so a backward clock jump does not
  // feed it time going back (FailureDetector::heartbeat wants non-decreasing times).
  Time detector_now();

  // replica_node.cc: lifecycle, dispatch, the tick.
  bool refuse_to_start();
  void arm_tick();
  void tick();
  void tick_gathering();
  void trace_suspicions();
  void send_heartbeats();
  // Fencing: false (after answering with the newer epoch) when `epoch` is older than ours; moves
  // to `epoch` first when it is newer.
  bool admit_epoch(NodeId from, uint64_t epoch, std::string_view type);
  void on_heartbeat(NodeId from, const Heartbeat& heartbeat);

  // replica_epochs.cc: epoch changes (VR view change).
  void suspect_primary();
  void join_epoch(uint64_t epoch);
  void send_epoch_state();
  void on_epoch_state(NodeId from, const EpochState& state);
  void choose_log();
  void become_primary(uint64_t commit);
  void become_backup(uint64_t commit);
  void on_start_epoch(NodeId from, const StartEpoch& start);
  void send_start_epoch(NodeId to);
  void step_down_for(NodeId newer_primary);

  // replica_transfer.cc: fetching another replica's log in bounded chunks, and installing it.
  // Fetches `source`'s log after index `base` (entries up to base are committed, so the same on
  // both); complete_fetch() runs when the whole log is here.
  void start_fetch(NodeId source, uint64_t base, uint64_t commit);
  void request_chunk();
  void on_fetch_log(NodeId from, const FetchLog& fetch);
  void on_log_chunk(NodeId from, const LogChunk& chunk);
  void complete_fetch();
  // Replaces the log by `log` (durably), rolling the state back if a committed entry changes.
  void install_log(const std::vector<ReplicaEntry>& log);
  // Entries of our log from `first_index` on, bounded by the message limits.
  std::vector<ReplicaEntry> entries_from(uint64_t first_index) const;

  // replica_updates.cc: normal operation (updates, acknowledgements, commit, apply).
  void on_update(NodeId from, const Update& update);
  void on_update_ack(NodeId from, const UpdateAck& ack);
  void send_update(NodeId to, uint64_t first_index);
  void acknowledge_stored();
  void advance_commit();
  void set_commit(uint64_t index);
  void apply_committed();

  // replica_client.cc: KvRequest / KvReply.
  void on_client_request(NodeId from, const KvRequest& request);
  void reply(NodeId client, uint64_t request_id, KvStatus status, std::string value);
  uint64_t append_as_primary(ReplicaEntry entry);

  NodeEnv& env_;
  ReplicationConfig config_;
  ReplicaStorage storage_;
  std::unique_ptr<heartbeat::FailureDetector> detector_;
  Time detector_clock_ = Time::zero();
  std::map<NodeId, bool> suspected_;  // per peer, as last traced (fd.suspect / fd.trust)

  uint64_t epoch_ = 0;      // durable: the highest epoch joined
  uint64_t log_epoch_ = 0;  // durable: the epoch whose primary installed log_ (VR's normal view)
  std::vector<ReplicaEntry> log_;  // durable
  Role role_ = Role::view_change;
  NodeId primary_;  // whom this replica follows (the primary of epoch_; bug no_epochs: see .cc)
  uint64_t commit_index_ = 0;
  uint64_t applied_index_ = 0;
  common::KvStateMachine state_;

  // Primary: what each backup durably holds of this epoch's log (absent: not installed yet),
  // what this replica holds durably itself, and the clients waiting on an index.
  std::map<NodeId, uint64_t> match_;
  uint64_t self_stored_ = 0;
  std::map<uint64_t, std::pair<NodeId, uint64_t>> pending_clients_;
  // The epoch's primary while gathering: the EpochState of each replica that joined (self too).
  std::map<NodeId, EpochState> joined_;
  bool installing_ = false;  // the new primary chose a log; fetching or syncing it
  // A log transfer in progress: whose log, from which index on, what arrived so far.
  struct Fetch {
    NodeId source;
    uint64_t base = 0;
    uint64_t commit = 0;                // the commit index to adopt once installed
    std::vector<ReplicaEntry> entries;  // source's entries base+1, base+2, ...
  };
  std::optional<Fetch> fetch_;
};

}  // namespace faultline::replication
