// File: sim_node.cc
#include "sim/cluster/sim_node.h"

#include "sim/cluster/cluster.h"

namespace faultline {

SimNode::SimNode(Cluster& cluster, NodeId id, std::vector<NodeId> peers, Rng rng)
    : cluster_(cluster),
      id_(id),
      peers_(std::move(peers)),
      rng_(rng),
      storage_([this](StorageOpId op) { cluster_.schedule_sync_completion(id_, op); }) {}

// Version 1 clock model: every local clock reads global time.
Time SimNode::now() const {
  return cluster_.simulator().now();
}

void SimNode::send(NodeId target, MessagePtr message) {
  FL_CHECK(is_up(), "{} sends while down", id_.name());
  FL_CHECK(message != nullptr, "{} sends a null message", id_.name());
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

void SimNode::boot(const ProtocolFactory& factory) {
  FL_CHECK(!is_up(), "{} booted twice", id_.name());
  protocol_ = factory(*this);
  FL_CHECK(protocol_ != nullptr, "protocol factory returned null for {}", id_.name());
  protocol_->on_start();
}

void SimNode::crash(bool lose_unsynced) {
  FL_CHECK(is_up(), "{} crashed while down", id_.name());
  protocol_.reset();
  timer_tags_.clear();
  storage_.crash(lose_unsynced);
}

void SimNode::deliver(NodeId from, const MessagePtr& message) {
  FL_CHECK(is_up(), "delivery to {} while down", id_.name());
  protocol_->on_message(from, message);
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
  protocol_->on_timer(timer, tag);
}

void SimNode::complete_sync(StorageOpId op) {
  if (!is_up() || !storage_.is_next_sync(op)) {
    return;  // a sync issued before a crash: void
  }
  storage_.complete_sync(op);
  protocol_->on_storage_complete(op);
}

}  // namespace faultline
