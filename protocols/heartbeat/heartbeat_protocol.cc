// File: heartbeat_protocol.cc
// HeartbeatNode: sends heartbeats on a period and turns the detector's verdicts into fd.suspect /
// fd.trust events at the exact local instants they change.
#include "protocols/heartbeat/heartbeat_protocol.h"

#include <string>
#include <vector>

#include "protocols/heartbeat/heartbeat_messages.h"
#include "sim/base/check.h"

namespace faultline::heartbeat {
namespace {

class HeartbeatNode final : public Protocol {
 public:
  HeartbeatNode(NodeEnv& env, const HeartbeatConfig& config) : env_(env), config_(config) {}

  void on_start() override;
  void on_message(NodeId from, const MessagePtr& message) override;
  void on_timer(TimerId timer, uint64_t tag) override;
  void on_storage_complete(StorageOpId, StorageStatus) override {}  // stores nothing

 private:
  // What this node knows of one peer it monitors.
  struct Monitored {
    NodeId peer;
    bool heard = false;        // a heartbeat of some incarnation has arrived
    uint64_t incarnation = 0;  // of the last counted heartbeat
    uint64_t sequence = 0;     // highest counted within that incarnation
    bool suspected = false;
    TimerId suspicion_timer = 0;  // 0: none armed
  };

  void send_heartbeats();
  void on_heartbeat(NodeId from, const Heartbeat& heartbeat);
  void check_suspicion(Monitored& monitored);
  void arm_suspicion_timer(Monitored& monitored);
  Monitored* find(NodeId peer);
  void trace_verdict(std::string_view event, NodeId peer);

  NodeEnv& env_;
  HeartbeatConfig config_;
  std::unique_ptr<FailureDetector> detector_;
  std::vector<Monitored> monitored_;  // in env.peers() order (increasing id)
  uint64_t incarnation_ = 0;          // drawn at each boot
  uint64_t next_sequence_ = 1;
};

void HeartbeatNode::on_start() {
  incarnation_ = env_.rng().next();
  detector_ = make_failure_detector(config_.detector, env_.peers(), env_.now());
  for (NodeId peer : env_.peers()) {
    monitored_.push_back(Monitored{.peer = peer});
  }
  for (Monitored& monitored : monitored_) {
    arm_suspicion_timer(monitored);
  }
  send_heartbeats();
}

void HeartbeatNode::send_heartbeats() {
  for (NodeId peer : env_.peers()) {
    auto heartbeat = std::make_shared<Heartbeat>();
    heartbeat->incarnation = incarnation_;
    heartbeat->sequence = next_sequence_;
    env_.send(peer, std::move(heartbeat));
  }
  ++next_sequence_;
  env_.set_timer(config_.detector.interval, heartbeat_send_tag);
}

void HeartbeatNode::on_message(NodeId from, const MessagePtr& message) {
  if (message->kind() != static_cast<uint32_t>(HeartbeatMessageKind::heartbeat)) {
    return;  // not ours (a client request, say): this protocol serves nothing else
  }
  on_heartbeat(from, static_cast<const Heartbeat&>(*message));
}

void HeartbeatNode::on_heartbeat(NodeId from, const Heartbeat& heartbeat) {
  Monitored* monitored = find(from);
  if (monitored == nullptr) {
    return;  // not a server of this cluster
  }
  if (!monitored->heard || heartbeat.incarnation != monitored->incarnation) {
    if (monitored->heard) {
      detector_->restarted(from, env_.now());  // a new incarnation: forget the crash gap
    } else {
      detector_->heartbeat(from, env_.now());
    }
    monitored->heard = true;
    monitored->incarnation = heartbeat.incarnation;
  } else if (heartbeat.sequence <= monitored->sequence) {
    return;  // a duplicate or an overtaken copy: no news of the peer (section 3.1)
  } else {
    detector_->heartbeat(from, env_.now());
  }
  monitored->sequence = heartbeat.sequence;
  if (monitored->suspected && !detector_->suspects(from, env_.now())) {
    monitored->suspected = false;
    trace_verdict("trust", from);
  }
  arm_suspicion_timer(*monitored);
}

void HeartbeatNode::on_timer(TimerId timer, uint64_t tag) {
  if (tag == heartbeat_send_tag) {
    send_heartbeats();
    return;
  }
  Monitored* monitored = find(NodeId{static_cast<uint32_t>(tag)});
  FL_CHECK(monitored != nullptr, "suspicion timer for unknown peer tag {}", tag);
  if (monitored->suspicion_timer != timer) {
    return;  // superseded (cancel_timer raced with the firing): the newer timer decides
  }
  monitored->suspicion_timer = 0;
  check_suspicion(*monitored);
}

void HeartbeatNode::check_suspicion(Monitored& monitored) {
  if (!detector_->suspects(monitored.peer, env_.now())) {
    arm_suspicion_timer(monitored);  // fired early by the clock model's rounding: look again
    return;
  }
  if (!monitored.suspected) {
    monitored.suspected = true;
    trace_verdict("suspect", monitored.peer);
  }
}

void HeartbeatNode::arm_suspicion_timer(Monitored& monitored) {
  if (monitored.suspicion_timer != 0) {
    env_.cancel_timer(monitored.suspicion_timer);
    monitored.suspicion_timer = 0;
  }
  if (monitored.suspected) {
    return;  // stays suspected until a heartbeat; nothing to watch for
  }
  Time deadline = detector_->suspicion_time(monitored.peer);
  if (deadline == Time::max()) {
    return;
  }
  Duration delay = deadline > env_.now() ? deadline - env_.now() : Duration{0};
  monitored.suspicion_timer = env_.set_timer(delay, monitored.peer.value);
}

HeartbeatNode::Monitored* HeartbeatNode::find(NodeId peer) {
  for (Monitored& monitored : monitored_) {
    if (monitored.peer == peer) {
      return &monitored;
    }
  }
  return nullptr;
}

void HeartbeatNode::trace_verdict(std::string_view event, NodeId peer) {
  std::string target = peer.name();
  env_.trace(TraceEvent{"fd", event, {{"target", std::string_view(target)}}});
}

}  // namespace

std::unique_ptr<Protocol> make_heartbeat(NodeEnv& env, const HeartbeatConfig& config) {
  return std::make_unique<HeartbeatNode>(env, config);
}

}  // namespace faultline::heartbeat
