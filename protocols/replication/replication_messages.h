// File: replication_messages.h
// The messages replicas exchange (kinds from 100, after the KV client kinds). Every message carries
// the sender's epoch: a receiver in a newer epoch rejects it (fencing, viewstamped replication's
// "a replica only processes normal-case messages of its current view"), a receiver in an older
// epoch moves to the newer one first.
#pragma once

#include <cstdint>
#include <vector>

#include "protocols/replication/replica_entry.h"
#include "sim/env/message.h"

namespace faultline::replication {

enum class ReplicationMessageKind : uint32_t {
  heartbeat = 100,
  update = 101,
  update_ack = 102,
  epoch_state = 103,
  start_epoch = 104,
  fetch_log = 105,
  log_chunk = 106,
};

// Sent by every replica to every peer each detector interval; feeds the failure detectors.
struct Heartbeat final : Message {
  uint64_t epoch = 0;
  bool primary = false;     // the sender serves as primary of `epoch`
  int64_t last_optime = 0;  // optime of the sender's last log entry (bug no_epochs compares it)
  uint64_t commit_index = 0;

  std::string_view type_name() const override { return "Heartbeat"; }
  uint64_t size_bytes() const override { return 48; }
  uint32_t kind() const override {
    return static_cast<uint32_t>(ReplicationMessageKind::heartbeat);
  }
};

// Primary -> backup: log entries from `first_index` on, and the primary's commit index.
struct Update final : Message {
  uint64_t epoch = 0;
  uint64_t first_index = 0;
  std::vector<ReplicaEntry> entries;
  uint64_t commit_index = 0;

  std::string_view type_name() const override { return "Update"; }
  uint64_t size_bytes() const override;
  uint32_t kind() const override { return static_cast<uint32_t>(ReplicationMessageKind::update); }
};

// Backup -> primary: the backup durably holds the primary's log up to `stored_index`.
struct UpdateAck final : Message {
  uint64_t epoch = 0;
  uint64_t stored_index = 0;

  std::string_view type_name() const override { return "UpdateAck"; }
  uint64_t size_bytes() const override { return 32; }
  uint32_t kind() const override {
    return static_cast<uint32_t>(ReplicationMessageKind::update_ack);
  }
};

// A replica that joined `epoch` (and made that durable) -> the epoch's primary: a summary of its
// log (VR's DoViewChange, with the log itself fetched on demand by FetchLog, so that no message
// grows with the log): the epoch of the primary that last installed it ("last normal view"), its
// length, the optime of its last entry, and its commit index.
struct EpochState final : Message {
  uint64_t epoch = 0;
  uint64_t log_epoch = 0;
  uint64_t log_length = 0;
  int64_t last_optime = 0;
  uint64_t commit_index = 0;

  std::string_view type_name() const override { return "EpochState"; }
  uint64_t size_bytes() const override { return 48; }
  uint32_t kind() const override {
    return static_cast<uint32_t>(ReplicationMessageKind::epoch_state);
  }
};

// The primary of `epoch` -> a replica: install the epoch's log (VR's StartView); the replica
// fetches the entries after its commit index with FetchLog and installs them all at once.
struct StartEpoch final : Message {
  uint64_t epoch = 0;
  uint64_t log_length = 0;
  uint64_t commit_index = 0;

  std::string_view type_name() const override { return "StartEpoch"; }
  uint64_t size_bytes() const override { return 40; }
  uint32_t kind() const override {
    return static_cast<uint32_t>(ReplicationMessageKind::start_epoch);
  }
};

// Asks for the sender's log from `from_index` on (one LogChunk answers).
struct FetchLog final : Message {
  uint64_t epoch = 0;
  uint64_t from_index = 0;

  std::string_view type_name() const override { return "FetchLog"; }
  uint64_t size_bytes() const override { return 32; }
  uint32_t kind() const override {
    return static_cast<uint32_t>(ReplicationMessageKind::fetch_log);
  }
};

// Entries of the sender's log from `first_index` on (at most a message's worth) and the length of
// that log.
struct LogChunk final : Message {
  uint64_t epoch = 0;
  uint64_t first_index = 0;
  std::vector<ReplicaEntry> entries;
  uint64_t log_length = 0;

  std::string_view type_name() const override { return "LogChunk"; }
  uint64_t size_bytes() const override;
  uint32_t kind() const override {
    return static_cast<uint32_t>(ReplicationMessageKind::log_chunk);
  }
};

// Bytes of `entry` on a wire: a fixed header plus key and value.
uint64_t entry_size_bytes(const ReplicaEntry& entry);
uint64_t entries_size_bytes(const std::vector<ReplicaEntry>& entries);

}  // namespace faultline::replication
