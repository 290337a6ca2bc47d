// File: replica_transfer.cc
// Log transfer for epoch changes. Viewstamped replication ships whole logs in DoViewChange and
// StartView (Liskov and Cowling 2012, section 4.2) and notes that they may be sent in parts; here
// the receiver pulls the log in bounded chunks (FetchLog / LogChunk) after the prefix both hold
// (its commit index: committed entries are the same everywhere) and installs the result at once,
// so a replica's log is at every moment either its old one or the whole new one, exactly as with
// VR's single message. The source's log does not change under the transfer: the chosen replica
// is in the epoch's view change (it accepts no updates), and an epoch's primary only appends.
#include <algorithm>

#include "protocols/replication/replica_node.h"
#include "sim/base/check.h"

namespace faultline::replication {

std::vector<ReplicaEntry> ReplicaNode::entries_from(uint64_t first_index) const {
  std::vector<ReplicaEntry> entries;
  uint64_t bytes = 0;
  for (uint64_t index = first_index; index <= last_index(); ++index) {
    const ReplicaEntry& entry = log_[index - 1];
    bool full = entries.size() >= config_.max_entries_per_update ||
                bytes + entry_size_bytes(entry) > config_.max_message_bytes;
    if (!entries.empty() && full) {
      break;
    }
    bytes += entry_size_bytes(entry);
    entries.push_back(entry);
  }
  return entries;
}

void ReplicaNode::start_fetch(NodeId source, uint64_t base, uint64_t commit) {
  fetch_ = Fetch{source, base, commit, {}};
  request_chunk();
}

void ReplicaNode::request_chunk() {
  auto request = std::make_shared<FetchLog>();
  request->epoch = epoch_;
  request->from_index = fetch_->base + fetch_->entries.size() + 1;
  env_.send(fetch_->source, std::move(request));
}

void ReplicaNode::on_fetch_log(NodeId from, const FetchLog& fetch) {
  if (!bug(ReplicationConfig::Bug::no_epochs) && fetch.epoch != epoch_) {
    return;
  }
  auto chunk = std::make_shared<LogChunk>();
  chunk->epoch = epoch_;
  chunk->first_index = fetch.from_index;
  chunk->entries = entries_from(fetch.from_index);
  chunk->log_length = last_index();
  env_.send(from, std::move(chunk));
}

void ReplicaNode::on_log_chunk(NodeId from, const LogChunk& chunk) {
  if (!fetch_ || from != fetch_->source ||
      (!bug(ReplicationConfig::Bug::no_epochs) && chunk.epoch != epoch_)) {
    return;
  }
  if (chunk.first_index != fetch_->base + fetch_->entries.size() + 1) {
    return;  // a duplicate or an answer to an earlier request
  }
  fetch_->entries.insert(fetch_->entries.end(), chunk.entries.begin(), chunk.entries.end());
  if (fetch_->base + fetch_->entries.size() >= chunk.log_length) {
    complete_fetch();
  } else if (!chunk.entries.empty()) {
    request_chunk();
  }
}

void ReplicaNode::complete_fetch() {
  Fetch fetch = std::move(*fetch_);
  fetch_.reset();
  uint64_t base = std::min<uint64_t>(fetch.base, last_index());
  std::vector<ReplicaEntry> log(log_.begin(), log_.begin() + static_cast<std::ptrdiff_t>(base));
  log.insert(log.end(), fetch.entries.begin(), fetch.entries.end());
  install_log(log);
  if (primary_ == env_.self()) {
    become_primary(fetch.commit);
  } else {
    become_backup(fetch.commit);
  }
}

void ReplicaNode::install_log(const std::vector<ReplicaEntry>& log) {
  size_t common = 0;
  while (common < log.size() && common < log_.size() && log[common] == log_[common]) {
    ++common;
  }
  if (common < log_.size()) {
    trace("truncate", {{"from", static_cast<int64_t>(common + 1)},
                       {"last", static_cast<int64_t>(log_.size())}});
  }
  if (common < commit_index_) {
    // A committed entry disappears: impossible with epochs (replica_epochs.cc); B22's optime
    // comparison does exactly this. Roll the state back and replay.
    FL_CHECK(bug(ReplicationConfig::Bug::no_epochs), "{} committed entry {} is not in the new log",
             env_.self().name(), common + 1);
    trace("rollback",
          {{"commit", static_cast<int64_t>(commit_index_)}, {"to", static_cast<int64_t>(common)}});
    commit_index_ = common;
    if (common < applied_index_) {
      state_ = common::KvStateMachine{};
      applied_index_ = 0;
    }
  }
  storage_.erase_entries(common + 1, log_.size());
  log_.resize(common);
  for (size_t index = common; index < log.size(); ++index) {
    log_.push_back(log[index]);
    storage_.save_entry(index + 1, log[index]);
  }
  apply_committed();
}

}  // namespace faultline::replication
