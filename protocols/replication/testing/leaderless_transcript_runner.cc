// File: leaderless_transcript_runner.cc
// The leaderless store's transcript cluster (fake nodes with per-node clock offsets, a FIFO
// message queue, partitions) and one handler per command; the same shape as
// transcript_runner.cc. Everything is ordered: nodes by id, messages by send order.
#include "protocols/replication/testing/leaderless_transcript_runner.h"

#include <deque>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "protocols/replication/leaderless_node.h"
#include "sim/env/kv_messages.h"
#include "sim/env/testing/fake_env.h"

namespace faultline::replication::testing {
namespace {

using faultline::testing::FakeEnv;
using faultline::testing::FakeWorld;

constexpr int max_stabilize_rounds = 200;  // STYLE.md 7

class OffsetEnv final : public NodeEnv {
 public:
  OffsetEnv(NodeId self, std::vector<NodeId> peers, FakeWorld& world)
      : fake_(self, std::move(peers), world) {}
  NodeId self() const override { return fake_.self(); }
  std::span<const NodeId> peers() const override { return fake_.peers(); }
  Time now() const override { return fake_.now() + offset_; }
  void send(NodeId target, MessagePtr message) override { fake_.send(target, std::move(message)); }
  TimerId set_timer(Duration delay, uint64_t tag) override { return fake_.set_timer(delay, tag); }
  void cancel_timer(TimerId timer) override { fake_.cancel_timer(timer); }
  Storage& storage() override { return fake_.storage(); }
  Rng& rng() override { return fake_.rng(); }
  void trace(TraceEvent event) override { fake_.trace(event); }
  BootMode boot_mode() const override { return fake_.boot_mode(); }
  void halt(std::string_view reason) override { fake_.halt(reason); }

  FakeEnv& fake() { return fake_; }
  void set_offset(Duration offset) { offset_ = offset; }

 private:
  FakeEnv fake_;
  Duration offset_{0};
};

struct Envelope {
  NodeId from;
  NodeId to;
  MessagePtr message;
};

struct Node {
  std::unique_ptr<OffsetEnv> env;
  std::unique_ptr<LeaderlessNode> replica;  // null while crashed
};

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream stream(text);
  while (std::getline(stream, part, separator)) {
    if (!part.empty()) {
      parts.push_back(part);
    }
  }
  return parts;
}

std::optional<NodeId> parse_node(const std::string& text) {
  if (text.size() < 2 || (text[0] != 'n' && text[0] != 'c')) {
    return std::nullopt;
  }
  uint32_t number = 0;
  for (size_t i = 1; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    number = number * 10 + static_cast<uint32_t>(text[i] - '0');
  }
  return text[0] == 'n' ? NodeId::server(number) : NodeId::client(number);
}

// "600ms", "5s", "10ns", optionally signed ("+5s", "-1s"); nullopt otherwise.
std::optional<Duration> parse_duration(std::string text) {
  int64_t sign = 1;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    sign = text[0] == '-' ? -1 : 1;
    text = text.substr(1);
  }
  static const std::pair<std::string_view, int64_t> units[] = {
      {"ms", 1'000'000}, {"ns", 1}, {"s", 1'000'000'000}};
  for (const auto& [unit, factor] : units) {
    if (text.size() > unit.size() && text.ends_with(unit) &&
        text.find_first_not_of("0123456789") == text.size() - unit.size()) {
      return Duration{sign * std::stoll(text.substr(0, text.size() - unit.size())) * factor};
    }
  }
  return std::nullopt;
}

std::string describe_item(const std::optional<Item>& item) {
  if (!item) {
    return "none";
  }
  return fmt::format("{}@{}/n{}", item->value, item->version.timestamp, item->version.writer);
}

std::string describe_items(const std::vector<KeyedItem>& items) {
  std::string text = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    text += fmt::format("{}{}={}", i == 0 ? "" : " ", items[i].key, describe_item(items[i].item));
  }
  return text + "]";
}

std::string describe(const Message& message) {
  switch (message.kind()) {
    case static_cast<uint32_t>(KvMessageKind::request): {
      const auto& request = static_cast<const KvRequest&>(message);
      return request.op == KvOp::put
                 ? fmt::format("KvRequest id={} put {}={}", request.request_id, request.key,
                               request.value)
                 : fmt::format("KvRequest id={} get {}", request.request_id, request.key);
    }
    case static_cast<uint32_t>(KvMessageKind::reply): {
      const auto& reply = static_cast<const KvReply&>(message);
      return reply.status == KvStatus::ok
                 ? fmt::format("KvReply id={} ok value={}", reply.request_id, reply.value)
                 : fmt::format(
                       "KvReply id={} {}", reply.request_id,
                       reply.status == KvStatus::unavailable ? "unavailable" : "not_leader");
    }
    case static_cast<uint32_t>(LeaderlessMessageKind::replica_write): {
      const auto& write = static_cast<const ReplicaWrite&>(message);
      return fmt::format("ReplicaWrite op={} {}={}", write.operation, write.key,
                         describe_item(write.item));
    }
    case static_cast<uint32_t>(LeaderlessMessageKind::replica_write_ack):
      return fmt::format("ReplicaWriteAck op={}",
                         static_cast<const ReplicaWriteAck&>(message).operation);
    case static_cast<uint32_t>(LeaderlessMessageKind::replica_read): {
      const auto& read = static_cast<const ReplicaRead&>(message);
      return fmt::format("ReplicaRead op={} {}", read.operation, read.key);
    }
    case static_cast<uint32_t>(LeaderlessMessageKind::replica_read_reply): {
      const auto& reply = static_cast<const ReplicaReadReply&>(message);
      return fmt::format("ReplicaReadReply op={} {}", reply.operation, describe_item(reply.item));
    }
    case static_cast<uint32_t>(LeaderlessMessageKind::sync_range): {
      const auto& range = static_cast<const SyncRange&>(message);
      return fmt::format("SyncRange [{}, {}) {}", range.from.empty() ? "-" : range.from,
                         range.to.empty() ? "-" : range.to, describe_items(range.items));
    }
    case static_cast<uint32_t>(LeaderlessMessageKind::sync_range_reply):
      return fmt::format("SyncRangeReply {}",
                         describe_items(static_cast<const SyncRangeReply&>(message).items));
    default:
      return std::string(message.type_name());
  }
}

class Transcript final : public FakeWorld {
 public:
  std::string run(const std::string& commands);

  void on_send(NodeId from, NodeId to, MessagePtr message) override;
  void on_trace(NodeId node, const TraceEvent& event) override;
  Time now() const override { return now_; }

 private:
  using Args = std::vector<std::string>;
  using Handler = void (Transcript::*)(const Args&);
  struct Filter {
    std::optional<NodeId> from;
    std::optional<NodeId> to;
    std::string type;
    bool matches(const Envelope& envelope) const {
      return (!from || envelope.from == *from) && (!to || envelope.to == *to) &&
             (type.empty() || envelope.message->type_name() == type);
    }
  };

  void run_line(const std::string& line);
  void error(const std::string& message) { out_ += "error: " + message + "\n"; }
  Node* node_arg(const std::string& text);
  static std::map<std::string, std::string> options(const Args& args, size_t first);
  std::optional<Filter> filter(const Args& args, bool bare_node_is_target);

  void add_nodes(const Args& args);
  void tick(const Args& args);
  void elapse(const Args& args);
  void clock(const Args& args);
  void deliver(const Args& args);
  bool deliver_matching(const Filter& filter);
  void drop(const Args& args);
  void sync(const Args& args);
  bool sync_node(Node& node);
  void partition(const Args& args);
  void heal(const Args& args);
  void crash(const Args& args);
  void restart(const Args& args);
  void propose(const Args& args) { client_request(args, KvOp::put); }
  void get(const Args& args) { client_request(args, KvOp::get); }
  void client_request(const Args& args, KvOp op);
  void stabilize(const Args& args);
  void timeout(const Args& args);
  void store(const Args& args);
  void ring(const Args& args);

  bool partitioned(NodeId from, NodeId to) const;
  void start(Node& node, BootMode mode);
  void after_handler(Node& node);
  void crash_node(Node& node);

  static const std::map<std::string, Handler>& handlers();

  LeaderlessConfig config_;
  std::map<NodeId, Node> nodes_;
  std::deque<Envelope> queue_;
  std::map<NodeId, int> partition_group_;
  std::map<NodeId, uint64_t> next_request_id_;
  std::string out_;
  Time now_ = Time::zero();
};

const std::map<std::string, Transcript::Handler>& Transcript::handlers() {
  static const std::map<std::string, Handler> table = {
      {"add-nodes", &Transcript::add_nodes},
      {"tick", &Transcript::tick},
      {"elapse", &Transcript::elapse},
      {"clock", &Transcript::clock},
      {"deliver", &Transcript::deliver},
      {"drop", &Transcript::drop},
      {"sync", &Transcript::sync},
      {"partition", &Transcript::partition},
      {"heal", &Transcript::heal},
      {"crash", &Transcript::crash},
      {"restart", &Transcript::restart},
      {"put", &Transcript::propose},
      {"get", &Transcript::get},
      {"stabilize", &Transcript::stabilize},
      {"timeout", &Transcript::timeout},
      {"store", &Transcript::store},
      {"ring", &Transcript::ring},
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
  out_ += fmt::format("{}->{} {}\n", from.name(), to.name(), describe(*message));
  if (!to.is_client()) {
    queue_.push_back(Envelope{from, to, std::move(message)});
  }
}

void Transcript::on_trace(NodeId node, const TraceEvent& event) {
  std::string line = fmt::format("{} {}.{}", node.name(), event.component, event.name);
  for (size_t i = 0; i < event.field_count; ++i) {
    const TraceField& field = event.fields[i];
    line += field.is_text ? fmt::format(" {}={}", field.key, field.text)
                          : fmt::format(" {}={}", field.key, field.number);
  }
  out_ += line + "\n";
}

Node* Transcript::node_arg(const std::string& text) {
  std::optional<NodeId> id = parse_node(text);
  if (!id || nodes_.count(*id) == 0) {
    error(fmt::format("unknown node '{}'", text));
    return nullptr;
  }
  return &nodes_.at(*id);
}

std::map<std::string, std::string> Transcript::options(const Args& args, size_t first) {
  std::map<std::string, std::string> result;
  for (size_t i = first; i < args.size(); ++i) {
    size_t equals = args[i].find('=');
    if (equals != std::string::npos) {
      result[args[i].substr(0, equals)] = args[i].substr(equals + 1);
    }
  }
  return result;
}

// [nX] [from=nY] [to=nZ] [type=Name]
std::optional<Transcript::Filter> Transcript::filter(const Args& args, bool bare_node_is_target) {
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
    (is_from ? result.from : result.to) = parse_node(name);
  }
  return result;
}

bool Transcript::partitioned(NodeId from, NodeId to) const {
  auto from_group = partition_group_.find(from);
  auto to_group = partition_group_.find(to);
  return from_group != partition_group_.end() && to_group != partition_group_.end() &&
         from_group->second != to_group->second;
}

void Transcript::start(Node& node, BootMode mode) {
  node.env->fake().set_boot_mode(mode);
  node.replica = std::make_unique<LeaderlessNode>(*node.env, config_);
  node.replica->on_start();
  after_handler(node);
}

void Transcript::after_handler(Node& node) {
  if (node.env->fake().halting()) {
    node.env->fake().clear_halting();
    crash_node(node);
  }
}

void Transcript::crash_node(Node& node) {
  node.replica.reset();
  node.env->fake().fake_storage().crash();
  node.env->fake().clear_timers();
}

// add-nodes N [rf=3] [vnodes=16] [w=quorum] [r=quorum] [read-repair=async]
// [timestamps=clock] [anti-entropy=500ms] [timeout=300ms] [max-items=16]
void Transcript::add_nodes(const Args& args) {
  if (args.size() < 2 || !nodes_.empty()) {
    error(
        "usage: add-nodes N [rf=3] [vnodes=16] [w=quorum] [r=quorum] [read-repair=async] "
        "[timestamps=clock] [anti-entropy=500ms] [timeout=300ms] [max-items=16]");
    return;
  }
  std::map<std::string, std::string> opts = options(args, 2);
  for (auto [key, field] : {std::pair{"w", &LeaderlessConfig::write_consistency},
                            std::pair{"r", &LeaderlessConfig::read_consistency}}) {
    if (opts.count(key) != 0) {
      std::optional<LeaderlessConfig::Level> level = level_from_name(opts[key]);
      if (!level) {
        error(fmt::format("bad {} {}", key, opts[key]));
        return;
      }
      config_.*field = *level;
    }
  }
  if (opts.count("read-repair") != 0) {
    std::optional<LeaderlessConfig::ReadRepair> mode = read_repair_from_name(opts["read-repair"]);
    if (!mode) {
      error("bad read-repair " + opts["read-repair"]);
      return;
    }
    config_.read_repair = *mode;
  }
  if (opts.count("timestamps") != 0) {
    std::optional<LeaderlessConfig::Timestamps> source = timestamps_from_name(opts["timestamps"]);
    if (!source) {
      error("bad timestamps " + opts["timestamps"]);
      return;
    }
    config_.timestamps = *source;
  }
  for (auto [key, field] : {std::pair{"anti-entropy", &LeaderlessConfig::anti_entropy_interval},
                            std::pair{"timeout", &LeaderlessConfig::coordinator_timeout}}) {
    if (opts.count(key) != 0) {
      std::optional<Duration> value = parse_duration(opts[key]);
      if (!value) {
        error(fmt::format("bad {} {}", key, opts[key]));
        return;
      }
      config_.*field = *value;
    }
  }
  for (auto [key, field] : {std::pair{"rf", &LeaderlessConfig::replication_factor},
                            std::pair{"vnodes", &LeaderlessConfig::virtual_nodes},
                            std::pair{"max-items", &LeaderlessConfig::max_sync_items}}) {
    if (opts.count(key) != 0) {
      config_.*field = static_cast<uint32_t>(std::stoul(opts[key]));
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
    nodes_[id].env = std::make_unique<OffsetEnv>(id, std::move(peers), *this);
  }
  for (auto& [id, node] : nodes_) {
    start(node, BootMode::bootstrap);
  }
}

// tick n1 [n2 ...]: fire each node's armed anti-entropy timer.
void Transcript::tick(const Args& args) {
  if (args.size() < 2) {
    error("usage: tick nX [nY ...]");
  }
  for (size_t i = 1; i < args.size(); ++i) {
    Node* node = node_arg(args[i]);
    if (node == nullptr || node->replica == nullptr) {
      error(fmt::format("{} is not running", args[i]));
      return;
    }
    std::optional<TimerId> timer = node->env->fake().take_timer(anti_entropy_timer_tag);
    if (!timer) {
      error(fmt::format("{} has no armed anti-entropy timer", args[i]));
      return;
    }
    node->replica->on_timer(*timer, anti_entropy_timer_tag);
    after_handler(*node);
  }
}

void Transcript::elapse(const Args& args) {
  std::optional<Duration> delta = args.size() == 2 ? parse_duration(args[1]) : std::nullopt;
  if (!delta || delta->ns < 0) {
    error("usage: elapse 200ms | 5s | 10ns");
    return;
  }
  now_ = now_ + *delta;
}

// clock n1 +5s: n1's local clock reads the shared clock plus 5s from now on.
void Transcript::clock(const Args& args) {
  Node* node = args.size() == 3 ? node_arg(args[1]) : nullptr;
  std::optional<Duration> offset = args.size() == 3 ? parse_duration(args[2]) : std::nullopt;
  if (node == nullptr || !offset) {
    error("usage: clock nX +5s");
    return;
  }
  node->env->set_offset(*offset);
}

void Transcript::deliver(const Args& args) {
  if (std::optional<Filter> matching = filter(args, /*bare_node_is_target=*/true)) {
    deliver_matching(*matching);
  }
}

// Delivers the matching messages queued now (not those their handlers send).
bool Transcript::deliver_matching(const Filter& matching) {
  std::deque<Envelope> batch;
  std::deque<Envelope> kept;
  for (Envelope& envelope : queue_) {
    (matching.matches(envelope) ? batch : kept).push_back(std::move(envelope));
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

void Transcript::drop(const Args& args) {
  std::optional<Filter> matching = filter(args, /*bare_node_is_target=*/false);
  if (!matching) {
    return;
  }
  std::deque<Envelope> kept;
  for (Envelope& envelope : queue_) {
    if (matching->matches(envelope)) {
      out_ += fmt::format("dropped: {}->{} {}\n", envelope.from.name(), envelope.to.name(),
                          describe(*envelope.message));
    } else {
      kept.push_back(std::move(envelope));
    }
  }
  queue_ = std::move(kept);
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
  while (node.replica != nullptr && node.env->fake().fake_storage().has_pending_sync()) {
    auto result = node.env->fake().fake_storage().finish_oldest_sync();
    node.replica->on_storage_complete(result.op, result.status);
    after_handler(node);
    any = true;
  }
  return any;
}

void Transcript::partition(const Args& args) {
  partition_group_.clear();
  int group = 0;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "|") {
      ++group;
      continue;
    }
    for (const std::string& name : split(args[i], ',')) {
      std::optional<NodeId> id = parse_node(name);
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
  Node* node = args.size() == 2 ? node_arg(args[1]) : nullptr;
  if (node == nullptr || node->replica == nullptr) {
    error("usage: crash nX (a running node)");
    return;
  }
  crash_node(*node);
}

void Transcript::restart(const Args& args) {
  Node* node = args.size() == 2 ? node_arg(args[1]) : nullptr;
  if (node == nullptr || node->replica != nullptr) {
    error("usage: restart nX (a crashed node)");
    return;
  }
  start(*node, BootMode::rejoin);
}

void Transcript::client_request(const Args& args, KvOp op) {
  Node* node = args.size() >= 3 ? node_arg(args[1]) : nullptr;
  if (node == nullptr || node->replica == nullptr) {
    error("usage: put nX key=value | get nX key [client=cK] [id=N] (a running node)");
    return;
  }
  std::map<std::string, std::string> opts = options(args, 3);
  NodeId client = parse_node(opts.count("client") != 0 ? opts["client"] : "c1").value();
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

void Transcript::stabilize(const Args& /*args*/) {
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

// timeout n1: fire every armed coordinator timeout of n1 (in operation order).
void Transcript::timeout(const Args& args) {
  Node* node = args.size() == 2 ? node_arg(args[1]) : nullptr;
  if (node == nullptr || node->replica == nullptr) {
    error("usage: timeout nX (a running node)");
    return;
  }
  for (uint64_t id : node->replica->pending_operation_ids()) {
    if (std::optional<TimerId> timer = node->env->fake().take_timer(operation_timer_base + id)) {
      node->replica->on_timer(*timer, operation_timer_base + id);
      after_handler(*node);
    }
  }
}

// store [nX]: every item of every running node (or of nX), in key order.
void Transcript::store(const Args& args) {
  for (const auto& [id, node] : nodes_) {
    if (args.size() == 2 && args[1] != id.name()) {
      continue;
    }
    if (node.replica == nullptr) {
      out_ += fmt::format("{}: down\n", id.name());
      continue;
    }
    std::string text;
    for (const auto& [key, item] : node.replica->store().items()) {
      text += fmt::format(" {}={}", key, describe_item(item));
    }
    out_ += fmt::format("{}:{}\n", id.name(), text.empty() ? " (empty)" : text);
  }
}

// ring k1 [k2 ...]: each key's preference list.
void Transcript::ring(const Args& args) {
  const Node* any = nullptr;
  for (const auto& [id, node] : nodes_) {
    if (node.replica != nullptr) {
      any = &node;
      break;
    }
  }
  if (any == nullptr || args.size() < 2) {
    error("usage: ring key [key ...] (with a running node)");
    return;
  }
  for (size_t i = 1; i < args.size(); ++i) {
    out_ += fmt::format("{}: {}\n", args[i],
                        describe_nodes(any->replica->ring().preference_list(args[i])));
  }
}

}  // namespace

TranscriptResult run_leaderless_transcript(const std::string& text) {
  TranscriptResult result;
  Transcript transcript;
  std::vector<std::string> lines;
  {
    std::istringstream stream(text);
    std::string line;
    while (std::getline(stream, line)) {
      lines.push_back(line);
    }
  }
  size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].empty() || lines[i][0] == '#') {
      result.rewritten += lines[i] + "\n";
      ++i;
      continue;
    }
    TranscriptBlock block;
    block.line = static_cast<int>(i + 1);
    while (i < lines.size() && lines[i] != "----") {
      block.commands += lines[i] + "\n";
      ++i;
    }
    ++i;
    while (i < lines.size() && !lines[i].empty()) {
      block.expected += lines[i] + "\n";
      ++i;
    }
    block.actual = transcript.run(block.commands);
    result.rewritten += block.commands + "----\n" + block.actual;
    result.blocks.push_back(std::move(block));
  }
  return result;
}

}  // namespace faultline::replication::testing
