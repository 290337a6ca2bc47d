// File: sim_node.cc
#include "sim/cluster/sim_node.h"

#include <algorithm>

#include "sim/cluster/cluster.h"

namespace faultline {

SimNode::SimNode(Cluster& cluster, NodeId id, std::vector<NodeId> peers, Rng rng,
                 uint64_t disk_capacity_bytes, ClockModel clock)
    : cluster_(cluster),
      id_(id),
      peers_(std::move(peers)),
      rng_(rng),
      storage_(
          [this](StorageOpId op, uint64_t new_writes) {
            cluster_.schedule_sync_completion(id_, op, new_writes);
          },
          disk_capacity_bytes),
      clock_(clock) {}

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

Time SimNode::now() const {
  return clock_.local(cluster_.simulator().now());
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
  Time global_now = cluster_.simulator().now();
  Time deadline = clock_.local(global_now) + delay;
  EventId event =
      cluster_.schedule_node_timer(id_, clock_.global_at_local(deadline, global_now), timer);
  timers_.push_back(PendingTimer{timer, tag, deadline, event});
  return timer;
}

std::vector<SimNode::PendingTimer>::iterator SimNode::find_timer(TimerId id) {
  auto position = std::lower_bound(
      timers_.begin(), timers_.end(), id,
      [](const PendingTimer& pending, TimerId wanted) { return pending.id < wanted; });
  return position != timers_.end() && position->id == id ? position : timers_.end();
}

// Lazy: the simulator event stays queued and finds no live timer when it fires.
void SimNode::cancel_timer(TimerId timer) {
  auto position = find_timer(timer);
  if (position != timers_.end()) {
    timers_.erase(position);
  }
}

Duration SimNode::jump_clock(Duration by) {
  Simulator& simulator = cluster_.simulator();
  Duration taken = clock_.jump(by, simulator.now());
  // Re-schedule in (deadline, id) order: overdue timers all land at now() and the event queue
  // keeps insertion order among ties, so they fire in that order.
  std::sort(timers_.begin(), timers_.end(),
            [](const PendingTimer& left, const PendingTimer& right) {
              return left.local_deadline != right.local_deadline
                         ? left.local_deadline < right.local_deadline
                         : left.id < right.id;
            });
  for (PendingTimer& pending : timers_) {
    simulator.cancel(pending.event);
    pending.event = cluster_.schedule_node_timer(
        id_, clock_.global_at_local(pending.local_deadline, simulator.now()), pending.id);
  }
  std::sort(timers_.begin(), timers_.end(),
            [](const PendingTimer& left, const PendingTimer& right) { return left.id < right.id; });
  return taken;
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
  boot_mode_ = provisioned_ ? BootMode::rejoin : BootMode::bootstrap;
  protocol_ = factory(*this);
  FL_CHECK(protocol_ != nullptr, "protocol factory returned null for {}", id_.name());
  run_handler([this] { protocol_->on_start(); });
}

void SimNode::crash(bool lose_unsynced, bool tear_last) {
  FL_CHECK(is_up(), "{} crashed while down", id_.name());
  FL_CHECK(!in_handler_, "{} crashed inside its own handler", id_.name());
  protocol_.reset();
  timers_.clear();
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
  auto position = find_timer(timer);
  if (position == timers_.end()) {
    return;  // cancelled, or set before a crash
  }
  uint64_t tag = position->tag;
  timers_.erase(position);
  run_handler([&] { protocol_->on_timer(timer, tag); });
}

void SimNode::complete_sync(StorageOpId op) {
  if (!is_up() || !storage_.is_next_sync(op)) {
    return;  // a sync issued before a crash: void
  }
  StorageStatus status = storage_.complete_sync(op);
  provisioned_ = provisioned_ || status == StorageStatus::ok;
  if (status == StorageStatus::no_space) {
    cluster_.note_sync_failed(id_, op, storage_.full() ? "disk_full" : "capacity");
  }
  run_handler([&] { protocol_->on_storage_complete(op, status); });
}

}  // namespace faultline
