// File: sim_node.cc
#include "sim/cluster/sim_node.h"

#include "sim/cluster/cluster.h"

namespace faultline {

SimNode::SimNode(Cluster& cluster, NodeId id, std::vector<NodeId> peers, Rng rng,
                 uint64_t disk_capacity_bytes)
    : cluster_(cluster),
      id_(id),
      peers_(std::move(peers)),
      rng_(rng),
      storage_(
          [this](StorageOpId op, uint64_t new_writes) {
            cluster_.schedule_sync_completion(id_, op, new_writes);
          },
          disk_capacity_bytes) {}

template <typename Call>
void SimNode::run_handler(Call&& call) {
  FL_CHECK(!in_handler_, "{} re-entered a protocol handler", id_.name());
  in_handler_ = true;
  call();
  in_handler_ = false;
  if (halting_) {
    halting_ = false;
    cluster_.finish_halt(id_);  // destroys the protocol: it has returned
  }
}

// Version 1 clock model: every local clock reads global time.
Time SimNode::now() const {
  return cluster_.simulator().now();
}

void SimNode::send(NodeId target, MessagePtr message) {
  FL_CHECK(is_up(), "{} sends while down", id_.name());
  FL_CHECK(message != nullptr, "{} sends a null message", id_.name());
  if (halting_) {
    return;  // the process is exiting (NodeEnv::halt): nothing more leaves it
  }
  cluster_.transmit(id_, target, std::move(message));
}

TimerId SimNode::set_timer(Duration delay, uint64_t tag) {
  FL_CHECK(is_up(), "{} sets a timer while down", id_.name());
  FL_CHECK(delay.ns >= 0, "{} sets a timer with negative delay {}", id_.name(), delay.ns);
  TimerId timer = next_timer_++;
  timer_tags_.emplace(timer, tag);
  cluster_.schedule_node_timer(id_, delay, timer);
  return timer;
}

void SimNode::cancel_timer(TimerId timer) {
  timer_tags_.erase(timer);
}

void SimNode::trace(TraceEvent event) {
  event.node = id_;
  cluster_.record(event);
}

void SimNode::halt(std::string_view reason) {
  FL_CHECK(is_up() && in_handler_, "{} halts outside a protocol handler", id_.name());
  if (halting_) {
    return;  // already exiting
  }
  halting_ = true;
  cluster_.record(TraceEvent{"node", "halt", {{"reason", reason}}}.with_node(id_));
}

void SimNode::boot(const ProtocolFactory& factory) {
  FL_CHECK(!is_up(), "{} booted twice", id_.name());
  // Recovery reads the record log: a torn tail fails its checksum and is dropped here.
  if (std::optional<std::string> torn = storage_.recover()) {
    cluster_.record(TraceEvent{"disk", "torn_discarded", {{"key", *torn}}}.with_node(id_));
  }
  boot_mode_ = boots_ == 0 ? BootMode::bootstrap : BootMode::rejoin;
  ++boots_;
  protocol_ = factory(*this);
  FL_CHECK(protocol_ != nullptr, "protocol factory returned null for {}", id_.name());
  run_handler([this] { protocol_->on_start(); });
}

void SimNode::crash(bool lose_unsynced, bool tear_last) {
  FL_CHECK(is_up(), "{} crashed while down", id_.name());
  FL_CHECK(!in_handler_, "{} crashed inside its own handler", id_.name());
  protocol_.reset();
  timer_tags_.clear();
  storage_.crash(lose_unsynced, tear_last);
}

void SimNode::deliver(NodeId from, const MessagePtr& message) {
  FL_CHECK(is_up(), "delivery to {} while down", id_.name());
  run_handler([&] { protocol_->on_message(from, message); });
}

void SimNode::fire_timer(TimerId timer) {
  if (!is_up()) {
    return;
  }
  auto position = timer_tags_.find(timer);
  if (position == timer_tags_.end()) {
    return;  // cancelled, or set before a crash
  }
  uint64_t tag = position->second;
  timer_tags_.erase(position);
  run_handler([&] { protocol_->on_timer(timer, tag); });
}

void SimNode::complete_sync(StorageOpId op) {
  if (!is_up() || !storage_.is_next_sync(op)) {
    return;  // a sync issued before a crash: void
  }
  StorageStatus status = storage_.complete_sync(op);
  if (status == StorageStatus::no_space) {
    cluster_.note_sync_failed(id_, op, storage_.full() ? "disk_full" : "capacity");
  }
  run_handler([&] { protocol_->on_storage_complete(op, status); });
}

}  // namespace faultline
