// File: replica_updates.cc
// Normal operation (Budhiraja et al. 1993, section 2; VR's normal case, Liskov and Cowling 2012
// section 4.1): the primary sends each new entry to the backups; a backup appends entries in index
// order only (a gap is answered with what it holds, and the primary repairs it on its next tick),
// persists them, and only then acknowledges; the primary commits an index once a majority,
// itself included, durably holds it in the current epoch, and every replica applies committed
// entries in index order.
#include <algorithm>
#include <vector>

#include "protocols/replication/replica_node.h"
#include "sim/base/check.h"

namespace faultline::replication {

void ReplicaNode::send_update(NodeId to, uint64_t first_index) {
  FL_CHECK(first_index >= 1 && first_index <= last_index(), "update from {} of {}", first_index,
           last_index());
  auto update = std::make_shared<Update>();
  update->epoch = epoch_;
  update->first_index = first_index;
  update->entries = entries_from(first_index);
  update->commit_index = commit_index_;
  env_.send(to, std::move(update));
}

void ReplicaNode::on_update(NodeId from, const Update& update) {
  if (from != primary_ || role_ == Role::primary) {
    return;
  }
  if (role_ == Role::view_change) {
    return;  // we do not hold the epoch's log yet; our EpochState (tick) gets us a StartEpoch
  }
  if (update.first_index > last_index() + 1) {
    acknowledge_stored();  // a gap: tell the primary what we hold
    return;
  }
  for (size_t offset = 0; offset < update.entries.size(); ++offset) {
    uint64_t index = update.first_index + offset;
    const ReplicaEntry& entry = update.entries[offset];
    if (index <= last_index()) {
      // Same epoch, same primary: an index we hold is the same entry (replica_entry.h).
      FL_CHECK(bug(ReplicationConfig::Bug::no_epochs) || log_[index - 1] == entry,
               "{} holds a different entry {} in epoch {}", env_.self().name(), index, epoch_);
      continue;
    }
    log_.push_back(entry);
    storage_.save_entry(index, entry);
  }
  set_commit(std::min(update.commit_index, last_index()));
  acknowledge_stored();
}

void ReplicaNode::acknowledge_stored() {
  uint64_t epoch = epoch_;
  uint64_t stored = last_index();
  bool held = storage_.sync_gate().after_sync([this, epoch, stored] {
    if (epoch_ != epoch || role_ != Role::backup) {
      return;
    }
    auto ack = std::make_shared<UpdateAck>();
    ack->epoch = epoch_;
    ack->stored_index = stored;
    env_.send(primary_, std::move(ack));
  });
  (void)held;  // dropped: a lost ack; the next update is acknowledged again
}

void ReplicaNode::on_update_ack(NodeId from, const UpdateAck& ack) {
  if (role_ != Role::primary) {
    return;
  }
  uint64_t& stored = match_[from];
  stored = std::max(stored, std::min(ack.stored_index, last_index()));
  advance_commit();
}

// The highest index a majority (this primary included) durably holds in this epoch.
void ReplicaNode::advance_commit() {
  if (role_ != Role::primary) {
    return;
  }
  std::vector<uint64_t> stored{self_stored_};
  for (const auto& [peer, index] : match_) {
    stored.push_back(index);
  }
  if (stored.size() < majority()) {
    return;
  }
  std::sort(stored.begin(), stored.end(), std::greater<>());
  set_commit(stored[majority() - 1]);
}

void ReplicaNode::set_commit(uint64_t index) {
  if (index <= commit_index_) {
    return;
  }
  FL_CHECK(index <= last_index(), "commit {} beyond the log ({})", index, last_index());
  commit_index_ = index;
  storage_.save_commit(commit_index_);  // rides on the next sync: a restart resumes from it
  trace("commit", {{"index", static_cast<int64_t>(commit_index_)}});
  apply_committed();
}

void ReplicaNode::apply_committed() {
  bool own_choice = config_.strategy == ReplicationConfig::Strategy::semi_active &&
                    bug(ReplicationConfig::Bug::followers_choose) && role_ != Role::primary;
  while (applied_index_ < commit_index_) {
    const ReplicaEntry& entry = log_[applied_index_];
    ++applied_index_;
    // passive: the entry is the primary's result (key, value, version) and is installed as is.
    // semi_active: every replica executes the request, with the leader's version decision (the
    // followers_choose bug draws it from the follower's own clock instead).
    int64_t version = own_choice ? env_.now().ns : entry.version;
    std::optional<common::KvStateMachine::Outcome> outcome =
        state_.execute(entry.client, entry.request_id, entry.op, entry.key, entry.value, version);
    int64_t digest = 0;
    if (outcome && outcome->fresh) {  // what was applied: a put's item, a get's key
      digest = entry.op == KvOp::put ? effect_digest(entry.op, entry.key, entry.value, version)
                                     : effect_digest(entry.op, entry.key, "", 0);
    }
    trace("apply", {{"index", static_cast<int64_t>(applied_index_)}, {"digest", digest}});
    auto waiting = pending_clients_.find(applied_index_);
    if (waiting == pending_clients_.end()) {
      continue;
    }
    pending_clients_.erase(waiting);
    if (outcome) {
      reply(entry.client, entry.request_id, KvStatus::ok, outcome->value);
    }
  }
}

}  // namespace faultline::replication
