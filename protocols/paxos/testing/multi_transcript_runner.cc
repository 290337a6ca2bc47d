// File: multi_transcript_runner.cc
// The Multi-Paxos transcript cluster (fake nodes, a FIFO message queue, partitions) and one
// handler per command. Everything is ordered: nodes by id, messages by send order.
#include "protocols/paxos/testing/multi_transcript_runner.h"

#include <deque>
#include <map>

#include <fmt/format.h>

#include "protocols/paxos/multi_paxos.h"
#include "protocols/paxos/multi_paxos_messages.h"
#include "protocols/paxos/multi_paxos_node.h"
#include "protocols/paxos/testing/multi_message_format.h"
#include "sim/env/kv_messages.h"
#include "sim/env/testing/fake_env.h"
#include "sim/env/testing/transcript_file.h"
#include "sim/env/testing/transcript_parse.h"

namespace faultline::paxos::multi::testing {
namespace {

using faultline::testing::FakeEnv;
using faultline::testing::FakeStorage;
using faultline::testing::FakeWorld;

constexpr int max_stabilize_rounds = 10'000;  // STYLE.md 7

struct Envelope {
  NodeId from;
  NodeId to;
  MessagePtr message;
};

struct Node {
  std::unique_ptr<FakeEnv> env;
  std::unique_ptr<Protocol> protocol;  // null while crashed
  const MultiPaxosNode& paxos() const { return static_cast<const MultiPaxosNode&>(*protocol); }
};

using faultline::testing::parse_node_id;
using faultline::testing::split;

bool is_heartbeat(const Message& message) {
  return message.kind() == static_cast<uint32_t>(MessageKind::heartbeat);
}

// Which queued messages a deliver or drop command means.
struct Filter {
  std::optional<NodeId> to;
  std::optional<NodeId> from;
  std::string type;  // empty: any
  bool matches(const Envelope& envelope) const {
    return (!to || envelope.to == *to) && (!from || envelope.from == *from) &&
           (type.empty() || envelope.message->type_name() == type);
  }
};

class Transcript final : public FakeWorld {
 public:
  std::string run(const std::string& commands);

  void on_send(NodeId from, NodeId to, MessagePtr message) override;
  void on_trace(NodeId node, const TraceEvent& event) override;
  Time now() const override { return now_; }

 private:
  using Args = std::vector<std::string>;
  using Handler = void (Transcript::*)(const Args&);

  void run_line(const std::string& line);
  void error(const std::string& message) { out_ += "error: " + message + "\n"; }
  Node* node_arg(const std::string& text);
  Node* running_node_arg(const Args& args, const std::string& usage);
  std::optional<Filter> filter_args(const Args& args);

  void add_nodes(const Args& args);
  void tick(const Args& args);
  void elapse(const Args& args);
  void deliver(const Args& args);
  bool deliver_queued(const Filter& filter);
  void sync(const Args& args);
  bool sync_node(Node& node);
  void drop(const Args& args);
  void partition(const Args& args);
  void heal(const Args& args);
  void crash(const Args& args);
  void restart(const Args& args);
  void wipe(const Args& args);
  void propose(const Args& args) { client_request(args, KvOp::put); }
  void get(const Args& args) { client_request(args, KvOp::get); }
  void client_request(const Args& args, KvOp op);
  void stabilize(const Args& args);
  void state(const Args& args);
  void log(const Args& args);
  void kv(const Args& args);

  bool partitioned(NodeId from, NodeId to) const;
  void start(Node& node, BootMode mode);
  void after_handler(Node& node);
  void crash_node(Node& node);
  bool shown(const Message& message) const { return show_heartbeats_ || !is_heartbeat(message); }

  static const std::map<std::string, Handler>& handlers();

  MultiPaxosConfig config_;
  bool show_heartbeats_ = false;
  std::map<NodeId, Node> nodes_;
  std::deque<Envelope> queue_;
  std::map<NodeId, int> partition_group_;  // empty: no partition
  std::map<NodeId, uint64_t> next_request_id_;
  std::string out_;
  Time now_ = Time::zero();
};

const std::map<std::string, Transcript::Handler>& Transcript::handlers() {
  static const std::map<std::string, Handler> table = {
      {"add-nodes", &Transcript::add_nodes},
      {"tick", &Transcript::tick},
      {"elapse", &Transcript::elapse},
      {"deliver", &Transcript::deliver},
      {"sync", &Transcript::sync},
      {"drop", &Transcript::drop},
      {"partition", &Transcript::partition},
      {"heal", &Transcript::heal},
      {"crash", &Transcript::crash},
      {"restart", &Transcript::restart},
      {"wipe", &Transcript::wipe},
      {"propose", &Transcript::propose},
      {"get", &Transcript::get},
      {"stabilize", &Transcript::stabilize},
      {"state", &Transcript::state},
      {"log", &Transcript::log},
      {"kv", &Transcript::kv},
  };
  return table;
}

std::string Transcript::run(const std::string& commands) {
  out_.clear();
  for (const std::string& line : split(commands, '\n')) {
    run_line(line);
  }
  return out_.empty() ? "ok\n" : out_;
}

void Transcript::run_line(const std::string& line) {
  Args args = split(line, ' ');
  if (args.empty()) {
    return;
  }
  auto it = handlers().find(args[0]);
  if (it == handlers().end()) {
    error(fmt::format("unknown command '{}'", args[0]));
    return;
  }
  (this->*(it->second))(args);
}

void Transcript::on_send(NodeId from, NodeId to, MessagePtr message) {
  if (shown(*message)) {
    out_ += fmt::format("{}->{} {}\n", from.name(), to.name(), describe_message(*message));
  }
  if (to.is_client()) {
    return;  // clients are not simulated: the reply line above is the whole story
  }
  queue_.push_back(Envelope{from, to, std::move(message)});
}

void Transcript::on_trace(NodeId node, const TraceEvent& event) {
  std::string line = fmt::format("{} {}.{}", node.name(), event.component, event.name);
  for (size_t i = 0; i < event.field_count; ++i) {
    const TraceField& field = event.fields[i];
    if (field.is_text) {
      line += fmt::format(" {}={}", field.key, field.text);
    } else {
      line += fmt::format(" {}={}", field.key, field.number);
    }
  }
  out_ += line + "\n";
}

Node* Transcript::node_arg(const std::string& text) {
  std::optional<NodeId> id = parse_node_id(text);
  if (!id || nodes_.count(*id) == 0) {
    error(fmt::format("unknown node '{}'", text));
    return nullptr;
  }
  return &nodes_.at(*id);
}

Node* Transcript::running_node_arg(const Args& args, const std::string& usage) {
  Node* node = args.size() >= 2 ? node_arg(args[1]) : nullptr;
  if (node == nullptr || node->protocol == nullptr) {
    error("usage: " + usage + " (a running node)");
    return nullptr;
  }
  return node;
}

// [nX] [to=nX] [from=nY] [type=Accept]
std::optional<Filter> Transcript::filter_args(const Args& args) {
  Filter filter;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.starts_with("type=")) {
      filter.type = arg.substr(5);
      continue;
    }
    bool is_from = arg.starts_with("from=");
    std::string name = is_from ? arg.substr(5) : arg.starts_with("to=") ? arg.substr(3) : arg;
    if (node_arg(name) == nullptr) {
      return std::nullopt;
    }
    (is_from ? filter.from : filter.to) = parse_node_id(name);
  }
  return filter;
}

bool Transcript::partitioned(NodeId from, NodeId to) const {
  auto from_group = partition_group_.find(from);
  auto to_group = partition_group_.find(to);
  if (from_group == partition_group_.end() || to_group == partition_group_.end()) {
    return false;
  }
  return from_group->second != to_group->second;
}

void Transcript::start(Node& node, BootMode mode) {
  node.env->set_boot_mode(mode);
  node.protocol = make_multi_paxos(*node.env, config_);
  node.protocol->on_start();
  after_handler(node);
}

void Transcript::after_handler(Node& node) {
  if (node.env->halting()) {
    node.env->clear_halting();
    crash_node(node);
  }
}

void Transcript::crash_node(Node& node) {
  node.protocol.reset();
  node.env->fake_storage().crash();
  node.env->clear_timers();
}

// add-nodes 5 [interval=100ms] [timeout=500ms] [heartbeats=show]
void Transcript::add_nodes(const Args& args) {
  if (args.size() < 2 || !nodes_.empty()) {
    error("usage: add-nodes N [interval=100ms] [timeout=500ms] [heartbeats=show]");
    return;
  }
  for (size_t i = 2; i < args.size(); ++i) {
    size_t equals = args[i].find('=');
    std::string key = args[i].substr(0, equals);
    std::string value = equals == std::string::npos ? "" : args[i].substr(equals + 1);
    std::optional<Duration> duration = faultline::testing::parse_duration(value);
    if (key == "interval" && duration) {
      config_.detector.interval = *duration;
    } else if (key == "timeout" && duration) {
      config_.detector.timeout = *duration;
    } else if (key == "heartbeats" && value == "show") {
      show_heartbeats_ = true;
    } else {
      error("bad option " + args[i]);
      return;
    }
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
    nodes_[id].env = std::make_unique<FakeEnv>(id, std::move(peers), *this);
  }
  for (auto& [id, node] : nodes_) {
    start(node, BootMode::bootstrap);
  }
}

void Transcript::tick(const Args& args) {
  Node* node = running_node_arg(args, "tick nX");
  if (node == nullptr) {
    return;
  }
  std::optional<TimerId> timer = node->env->take_timer(static_cast<uint64_t>(TimerTag::tick));
  if (!timer) {
    error(fmt::format("{} has no armed tick timer", args[1]));
    return;
  }
  node->protocol->on_timer(*timer, static_cast<uint64_t>(TimerTag::tick));
  after_handler(*node);
}

void Transcript::elapse(const Args& args) {
  std::optional<Duration> duration =
      args.size() == 2 ? faultline::testing::parse_duration(args[1]) : std::nullopt;
  if (!duration) {
    error("usage: elapse 200ms | 5s | 10ns");
    return;
  }
  now_ = now_ + *duration;
}

void Transcript::deliver(const Args& args) {
  if (std::optional<Filter> filter = filter_args(args)) {
    deliver_queued(*filter);
  }
}

// Delivers the matching messages queued now (not those their handlers send). Returns whether any
// moved.
bool Transcript::deliver_queued(const Filter& filter) {
  std::deque<Envelope> batch;
  std::deque<Envelope> kept;
  for (Envelope& envelope : queue_) {
    (filter.matches(envelope) ? batch : kept).push_back(std::move(envelope));
  }
  queue_ = std::move(kept);
  for (Envelope& envelope : batch) {
    Node& target = nodes_.at(envelope.to);
    if (target.protocol == nullptr || partitioned(envelope.from, envelope.to)) {
      if (shown(*envelope.message)) {
        out_ += fmt::format("dropped: {}->{} {} ({})\n", envelope.from.name(), envelope.to.name(),
                            describe_message(*envelope.message),
                            target.protocol == nullptr ? "down" : "partition");
      }
      continue;
    }
    target.protocol->on_message(envelope.from, envelope.message);
    after_handler(target);
  }
  return !batch.empty();
}

void Transcript::sync(const Args& args) {
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

bool Transcript::sync_node(Node& node) {
  bool any = false;
  while (node.protocol != nullptr && node.env->fake_storage().has_pending_sync()) {
    FakeStorage::SyncResult result = node.env->fake_storage().finish_oldest_sync();
    if (result.status != StorageStatus::ok) {
      out_ += fmt::format("{} sync {} failed: no_space\n", node.env->self().name(), result.op);
    }
    node.protocol->on_storage_complete(result.op, result.status);
    after_handler(node);
    any = true;
  }
  return any;
}

void Transcript::drop(const Args& args) {
  std::optional<Filter> filter = filter_args(args);
  if (!filter) {
    return;
  }
  std::deque<Envelope> kept;
  for (Envelope& envelope : queue_) {
    if (!filter->matches(envelope)) {
      kept.push_back(std::move(envelope));
    } else if (shown(*envelope.message)) {
      out_ += fmt::format("dropped: {}->{} {}\n", envelope.from.name(), envelope.to.name(),
                          describe_message(*envelope.message));
    }
  }
  queue_ = std::move(kept);
}

// partition n1,n2 | n3,n4,n5
void Transcript::partition(const Args& args) {
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

void Transcript::heal(const Args& /*args*/) {
  partition_group_.clear();
}

void Transcript::crash(const Args& args) {
  if (Node* node = running_node_arg(args, "crash nX")) {
    crash_node(*node);
  }
}

void Transcript::restart(const Args& args) {
  Node* node = args.size() == 2 ? node_arg(args[1]) : nullptr;
  if (node == nullptr || node->protocol != nullptr) {
    error("usage: restart nX (a crashed node)");
    return;
  }
  start(*node, BootMode::rejoin);
}

void Transcript::wipe(const Args& args) {
  Node* node = args.size() == 2 ? node_arg(args[1]) : nullptr;
  if (node == nullptr) {
    error("usage: wipe nX");
    return;
  }
  if (node->protocol != nullptr) {
    crash_node(*node);
  }
  node->env->fake_storage().wipe();
  start(*node, BootMode::rejoin);
}

// propose n1 x=1 [client=c1] [id=4] / get n1 x [client=c1] [id=5]
void Transcript::client_request(const Args& args, KvOp op) {
  Node* node = args.size() >= 3 ? running_node_arg(args, "propose|get nX ...") : nullptr;
  if (node == nullptr) {
    error("usage: propose nX key=value | get nX key [client=cK] [id=N]");
    return;
  }
  NodeId client = NodeId::client(1);
  std::optional<uint64_t> id;
  for (size_t i = 3; i < args.size(); ++i) {
    if (args[i].starts_with("client=")) {
      client = parse_node_id(args[i].substr(7)).value_or(client);
    } else if (args[i].starts_with("id=")) {
      id = std::stoull(args[i].substr(3));
    }
  }
  auto request = std::make_shared<KvRequest>();
  request->request_id = id ? *id : ++next_request_id_[client];
  request->op = op;
  size_t equals = args[2].find('=');
  request->key = args[2].substr(0, equals);
  if (op == KvOp::put) {
    request->value = equals == std::string::npos ? "" : args[2].substr(equals + 1);
  }
  out_ += fmt::format("{}->{} {}\n", client.name(), args[1], describe_message(*request));
  node->protocol->on_message(client, request);
  after_handler(*node);
}

void Transcript::stabilize(const Args& /*args*/) {
  for (int round = 0; round < max_stabilize_rounds; ++round) {
    bool progress = false;
    for (auto& [id, node] : nodes_) {
      progress = sync_node(node) || progress;
    }
    progress = deliver_queued(Filter{}) || progress;
    if (!progress) {
      return;
    }
  }
  error("stabilize: still busy after the round budget");
}

void Transcript::state(const Args& /*args*/) {
  for (const auto& [id, node] : nodes_) {
    if (node.protocol == nullptr) {
      out_ += fmt::format("{}: down\n", id.name());
      continue;
    }
    const MultiPaxosNode& paxos = node.paxos();
    out_ += fmt::format("{}: {} ballot={} promised={} candidate={} first_unchosen={} executed={}\n",
                        id.name(), role_name(paxos.role()), paxos.ballot().name(),
                        paxos.promised().name(), paxos.candidate().name(), paxos.first_unchosen(),
                        paxos.last_executed());
  }
}

// One line per slot the node knows anything about: "4 accepted=r1.n1:put c1#4 x=4 chosen=noop".
void Transcript::log(const Args& args) {
  Node* node = running_node_arg(args, "log nX");
  if (node == nullptr) {
    return;
  }
  const MultiPaxosNode& paxos = node->paxos();
  std::map<uint64_t, std::string> lines;
  for (const auto& [slot, accepted] : paxos.accepted()) {
    lines[slot] +=
        fmt::format(" accepted={}:{}", accepted.ballot.name(), describe_command(accepted.command));
  }
  for (const auto& [slot, command] : paxos.chosen()) {
    lines[slot] += fmt::format(" chosen={}", describe_command(command));
  }
  if (lines.empty()) {
    out_ += "(empty)\n";
  }
  for (const auto& [slot, text] : lines) {
    out_ += fmt::format("{}{}\n", slot, text);
  }
}

void Transcript::kv(const Args& args) {
  Node* node = running_node_arg(args, "kv nX");
  if (node == nullptr) {
    return;
  }
  const auto& items = node->paxos().store().items();
  if (items.empty()) {
    out_ += "(empty)\n";
  }
  for (const auto& [key, item] : items) {
    out_ += fmt::format("{}={}\n", key, item.value);
  }
}

}  // namespace

TranscriptResult run_transcript(const std::string& text) {
  Transcript transcript;
  return faultline::testing::run_transcript_blocks(
      text, [&transcript](const std::string& commands) { return transcript.run(commands); });
}

}  // namespace faultline::paxos::multi::testing
