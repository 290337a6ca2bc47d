// File: replica_transcript_harness.cc
// The shared transcript cluster's commands (replica_transcript_harness.h): the command loop, the
// queue and its filters, storage syncs, partitions, crashes and client requests.
#include "protocols/replication/testing/replica_transcript_harness.h"

#include <utility>

#include <fmt/format.h>

#include "sim/env/testing/transcript_parse.h"

namespace faultline::replication::testing {
namespace {

using faultline::testing::parse_node_id;
using faultline::testing::split;

constexpr int max_stabilize_rounds = 200;  // STYLE.md 7

}  // namespace

std::string describe_kv_request(const KvRequest& request) {
  return request.op == KvOp::put
             ? fmt::format("KvRequest id={} put {}={}", request.request_id, request.key,
                           request.value)
             : fmt::format("KvRequest id={} get {}", request.request_id, request.key);
}

ReplicaTranscriptHarness::ReplicaTranscriptHarness(HarnessSettings settings) : settings_(settings) {
  auto bind = [this](void (ReplicaTranscriptHarness::*handler)(const Args&)) {
    return [this, handler](const Args& args) { (this->*handler)(args); };
  };
  commands_ = {
      {"add-nodes", bind(&ReplicaTranscriptHarness::add_nodes)},
      {"tick", bind(&ReplicaTranscriptHarness::tick)},
      {"elapse", bind(&ReplicaTranscriptHarness::elapse)},
      {"clock", bind(&ReplicaTranscriptHarness::clock)},
      {"deliver", bind(&ReplicaTranscriptHarness::deliver)},
      {"drop", bind(&ReplicaTranscriptHarness::drop)},
      {"sync", bind(&ReplicaTranscriptHarness::sync)},
      {"partition", bind(&ReplicaTranscriptHarness::partition)},
      {"heal", [this](const Args& /*args*/) { partition_group_.clear(); }},
      {"crash", bind(&ReplicaTranscriptHarness::crash)},
      {"restart", bind(&ReplicaTranscriptHarness::restart)},
      {std::string(settings_.put_command),
       [this](const Args& args) { client_request(args, KvOp::put); }},
      {"get", [this](const Args& args) { client_request(args, KvOp::get); }},
      {"stabilize", [this](const Args& /*args*/) { stabilize(); }},
  };
}

void ReplicaTranscriptHarness::add_command(std::string name, Command command) {
  commands_[std::move(name)] = std::move(command);
}

std::string ReplicaTranscriptHarness::run(const std::string& commands) {
  out_.clear();
  for (const std::string& line : split(commands, '\n')) {
    run_line(line);
  }
  return out_.empty() ? "ok\n" : out_;
}

void ReplicaTranscriptHarness::run_line(const std::string& line) {
  Args args = split(line, ' ');
  if (args.empty()) {
    return;
  }
  auto it = commands_.find(args[0]);
  if (it == commands_.end()) {
    error(fmt::format("unknown command '{}'", args[0]));
    return;
  }
  it->second(args);
}

void ReplicaTranscriptHarness::on_send(NodeId from, NodeId to, MessagePtr message) {
  out_ += fmt::format("{}->{} {}\n", from.name(), to.name(), describe(*message));
  if (!to.is_client()) {
    queue_.push_back(Envelope{from, to, std::move(message)});
  }
}

void ReplicaTranscriptHarness::on_trace(NodeId node, const TraceEvent& event) {
  std::string line = fmt::format("{} {}.{}", node.name(), event.component, event.name);
  for (size_t i = 0; i < event.field_count; ++i) {
    const TraceField& field = event.fields[i];
    line += field.is_text ? fmt::format(" {}={}", field.key, field.text)
                          : fmt::format(" {}={}", field.key, field.number);
  }
  out_ += line + "\n";
}

ReplicaTranscriptHarness::Node* ReplicaTranscriptHarness::node_arg(const std::string& text) {
  std::optional<NodeId> id = parse_node_id(text);
  if (!id || nodes_.count(*id) == 0) {
    error(fmt::format("unknown node '{}'", text));
    return nullptr;
  }
  return &nodes_.at(*id);
}

ReplicaTranscriptHarness::Node* ReplicaTranscriptHarness::running_node_arg(
    const Args& args, const std::string& usage) {
  Node* node = args.size() == 2 ? node_arg(args[1]) : nullptr;
  if (node == nullptr || node->replica == nullptr) {
    error(usage);
    return nullptr;
  }
  return node;
}

// [nX] [from=nY] [to=nZ] [type=Name]
std::optional<ReplicaTranscriptHarness::Filter> ReplicaTranscriptHarness::filter(
    const Args& args, bool bare_node_is_target) {
  Filter result;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.starts_with("type=")) {
      result.type = arg.substr(5);
      continue;
    }
    bool is_from = arg.starts_with("from=");
    bool is_to = arg.starts_with("to=");
    if (!is_from && !is_to && !bare_node_is_target) {
      error("unknown filter " + arg);
      return std::nullopt;
    }
    std::string name = is_from ? arg.substr(5) : is_to ? arg.substr(3) : arg;
    if (node_arg(name) == nullptr) {
      return std::nullopt;
    }
    (is_from ? result.from : result.to) = parse_node_id(name);
  }
  return result;
}

bool ReplicaTranscriptHarness::matches(const Filter& filter, const Envelope& envelope) {
  return (!filter.from || envelope.from == *filter.from) &&
         (!filter.to || envelope.to == *filter.to) &&
         (filter.type.empty() || envelope.message->type_name() == filter.type);
}

bool ReplicaTranscriptHarness::partitioned(NodeId from, NodeId to) const {
  auto from_group = partition_group_.find(from);
  auto to_group = partition_group_.find(to);
  return from_group != partition_group_.end() && to_group != partition_group_.end() &&
         from_group->second != to_group->second;
}

void ReplicaTranscriptHarness::start(Node& node, BootMode mode) {
  node.env->fake().set_boot_mode(mode);
  node.replica = make_replica(*node.env);
  node.replica->on_start();
  after_handler(node);
}

void ReplicaTranscriptHarness::after_handler(Node& node) {
  if (node.env->fake().halting()) {
    node.env->fake().clear_halting();
    crash_node(node);
  }
}

void ReplicaTranscriptHarness::crash_node(Node& node) {
  node.replica.reset();
  node.env->fake().fake_storage().crash();
  node.env->fake().clear_timers();
}

void ReplicaTranscriptHarness::add_nodes(const Args& args) {
  if (args.size() < 2 || !nodes_.empty()) {
    error(std::string(settings_.add_nodes_usage));
    return;
  }
  Options opts = faultline::testing::parse_options(args, 2);
  if (!configure(opts)) {
    return;
  }
  uint32_t count = static_cast<uint32_t>(std::stoul(args[1]));
  for (uint32_t number = 1; number <= count; ++number) {
    std::vector<NodeId> peers;
    for (uint32_t other = 1; other <= count; ++other) {
      if (other != number) {
        peers.push_back(NodeId::server(other));
      }
    }
    NodeId id = NodeId::server(number);
    nodes_[id].env = std::make_unique<OffsetEnv>(id, std::move(peers), *this);
  }
  for (auto& [id, node] : nodes_) {
    start(node, BootMode::bootstrap);
  }
}

// tick n1 [n2 ...]: fire each node's armed tick timer (settings_.tick_timer_tag).
void ReplicaTranscriptHarness::tick(const Args& args) {
  if (args.size() < 2) {
    error("usage: tick nX [nY ...]");
  }
  for (size_t i = 1; i < args.size(); ++i) {
    Node* node = node_arg(args[i]);
    if (node == nullptr || node->replica == nullptr) {
      error(fmt::format("{} is not running", args[i]));
      return;
    }
    std::optional<TimerId> timer = node->env->fake().take_timer(settings_.tick_timer_tag);
    if (!timer) {
      error(fmt::format("{} has no armed {} timer", args[i], settings_.tick_timer_name));
      return;
    }
    node->replica->on_timer(*timer, settings_.tick_timer_tag);
    after_handler(*node);
  }
}

void ReplicaTranscriptHarness::elapse(const Args& args) {
  std::optional<Duration> delta =
      args.size() == 2 ? faultline::testing::parse_signed_duration(args[1]) : std::nullopt;
  if (!delta || delta->ns < 0) {
    error("usage: elapse 200ms | 5s | 10ns");
    return;
  }
  now_ = now_ + *delta;
}

// clock n1 +5s: n1's local clock reads the shared clock plus 5s from now on.
void ReplicaTranscriptHarness::clock(const Args& args) {
  Node* node = args.size() == 3 ? node_arg(args[1]) : nullptr;
  std::optional<Duration> offset =
      args.size() == 3 ? faultline::testing::parse_signed_duration(args[2]) : std::nullopt;
  if (node == nullptr || !offset) {
    error("usage: clock nX +5s");
    return;
  }
  node->env->set_offset(*offset);
}

void ReplicaTranscriptHarness::deliver(const Args& args) {
  if (std::optional<Filter> matching = filter(args, /*bare_node_is_target=*/true)) {
    deliver_matching(*matching);
  }
}

// Delivers the matching messages queued now (not those their handlers send).
bool ReplicaTranscriptHarness::deliver_matching(const Filter& matching) {
  std::deque<Envelope> batch;
  std::deque<Envelope> kept;
  for (Envelope& envelope : queue_) {
    (matches(matching, envelope) ? batch : kept).push_back(std::move(envelope));
  }
  queue_ = std::move(kept);
  for (Envelope& envelope : batch) {
    Node& target = nodes_.at(envelope.to);
    if (target.replica == nullptr || partitioned(envelope.from, envelope.to)) {
      out_ += fmt::format("dropped: {}->{} {} ({})\n", envelope.from.name(), envelope.to.name(),
                          describe(*envelope.message),
                          target.replica == nullptr ? "down" : "partition");
      continue;
    }
    target.replica->on_message(envelope.from, envelope.message);
    after_handler(target);
  }
  return !batch.empty();
}

void ReplicaTranscriptHarness::drop(const Args& args) {
  std::optional<Filter> matching = filter(args, /*bare_node_is_target=*/false);
  if (!matching) {
    return;
  }
  std::deque<Envelope> kept;
  for (Envelope& envelope : queue_) {
    if (matches(*matching, envelope)) {
      out_ += fmt::format("dropped: {}->{} {}\n", envelope.from.name(), envelope.to.name(),
                          describe(*envelope.message));
    } else {
      kept.push_back(std::move(envelope));
    }
  }
  queue_ = std::move(kept);
}

void ReplicaTranscriptHarness::sync(const Args& args) {
  if (args.size() == 2) {
    if (Node* node = node_arg(args[1])) {
      sync_node(*node);
    }
    return;
  }
  for (auto& [id, node] : nodes_) {
    sync_node(node);
  }
}

bool ReplicaTranscriptHarness::sync_node(Node& node) {
  bool any = false;
  while (node.replica != nullptr && node.env->fake().fake_storage().has_pending_sync()) {
    auto result = node.env->fake().fake_storage().finish_oldest_sync();
    node.replica->on_storage_complete(result.op, result.status);
    after_handler(node);
    any = true;
  }
  return any;
}

void ReplicaTranscriptHarness::partition(const Args& args) {
  partition_group_.clear();
  int group = 0;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "|") {
      ++group;
      continue;
    }
    for (const std::string& name : split(args[i], ',')) {
      std::optional<NodeId> id = parse_node_id(name);
      if (!id || nodes_.count(*id) == 0) {
        error("unknown node " + name);
        return;
      }
      partition_group_[*id] = group;
    }
  }
}

void ReplicaTranscriptHarness::crash(const Args& args) {
  if (Node* node = running_node_arg(args, "usage: crash nX (a running node)")) {
    crash_node(*node);
  }
}

void ReplicaTranscriptHarness::restart(const Args& args) {
  Node* node = args.size() == 2 ? node_arg(args[1]) : nullptr;
  if (node == nullptr || node->replica != nullptr) {
    error("usage: restart nX (a crashed node)");
    return;
  }
  start(*node, BootMode::rejoin);
}

void ReplicaTranscriptHarness::client_request(const Args& args, KvOp op) {
  Node* node = args.size() >= 3 ? node_arg(args[1]) : nullptr;
  if (node == nullptr || node->replica == nullptr) {
    error(fmt::format("usage: {} nX key=value | get nX key [client=cK] [id=N] (a running node)",
                      settings_.put_command));
    return;
  }
  Options opts = faultline::testing::parse_options(args, 3);
  NodeId client = parse_node_id(opts.count("client") != 0 ? opts["client"] : "c1").value();
  auto request = std::make_shared<KvRequest>();
  request->request_id =
      opts.count("id") != 0 ? std::stoull(opts["id"]) : ++next_request_id_[client];
  request->op = op;
  size_t equals = args[2].find('=');
  request->key = args[2].substr(0, equals);
  if (op == KvOp::put) {
    request->value = equals == std::string::npos ? "" : args[2].substr(equals + 1);
  }
  out_ += fmt::format("{}->{} {}\n", client.name(), args[1], describe(*request));
  node->replica->on_message(client, request);
  after_handler(*node);
}

void ReplicaTranscriptHarness::stabilize() {
  for (int round = 0; round < max_stabilize_rounds; ++round) {
    bool progress = false;
    for (auto& [id, node] : nodes_) {
      progress = sync_node(node) || progress;
    }
    progress = deliver_matching(Filter{}) || progress;
    if (!progress) {
      return;
    }
  }
  error("stabilize: still busy after the round budget");
}

}  // namespace faultline::replication::testing
