// File: transcript_runner.cc
// The transcript cluster (fake nodes, a FIFO message queue, partitions) and one handler per
// command. Everything is ordered: nodes by id, messages by send order.
#include "protocols/raft/testing/transcript_runner.h"

#include <deque>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "protocols/raft/raft.h"
#include "protocols/raft/raft_node.h"
#include "protocols/raft/raft_storage.h"
#include "protocols/raft/testing/message_format.h"
#include "sim/base/check.h"
#include "sim/env/kv_messages.h"
#include "sim/env/testing/fake_env.h"
#include "sim/env/testing/transcript_file.h"
#include "sim/env/testing/transcript_parse.h"

namespace faultline::raft::testing {
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
  RaftNode* raft() const { return static_cast<RaftNode*>(protocol.get()); }
};

using faultline::testing::parse_node_id;
using faultline::testing::split;

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
  // key=value options after the positional arguments.

  void add_nodes(const Args& args);
  void preload(Node& node, const std::string& spec);
  void campaign(const Args& args) { fire_timer(args, TimerTag::election); }
  void tick_heartbeat(const Args& args) { fire_timer(args, TimerTag::heartbeat); }
  void elapse(const Args& args);
  void fire_timer(const Args& args, TimerTag tag);
  void deliver(const Args& args);
  bool deliver_queued(std::optional<NodeId> only_to, std::optional<NodeId> only_from);
  void reset(const Args& args);
  void sync(const Args& args);
  bool sync_node(Node& node);
  void drop(const Args& args);
  void partition(const Args& args);
  void heal(const Args& args);
  void crash(const Args& args);
  void restart(const Args& args);
  void wipe(const Args& args);
  void corrupt(const Args& args);
  void disk_full(const Args& args);
  void propose(const Args& args) { client_request(args, KvOp::put); }
  void get(const Args& args) { client_request(args, KvOp::get); }
  void client_request(const Args& args, KvOp op);
  void stabilize(const Args& args);
  void state(const Args& args);
  void raft_state(const Args& args);
  void log(const Args& args);
  void kv(const Args& args);

  bool partitioned(NodeId from, NodeId to) const;
  void start(Node& node, BootMode mode);
  // After every protocol handler: a node that called halt() crashes now (NodeEnv::halt).
  void after_handler(Node& node);
  void crash_node(Node& node);

  static const std::map<std::string, Handler>& handlers();

  RaftConfig config_;
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
      {"campaign", &Transcript::campaign},
      {"tick-heartbeat", &Transcript::tick_heartbeat},
      {"tick-election", &Transcript::campaign},
      {"elapse", &Transcript::elapse},
      {"reset", &Transcript::reset},
      {"deliver", &Transcript::deliver},
      {"sync", &Transcript::sync},
      {"drop", &Transcript::drop},
      {"partition", &Transcript::partition},
      {"heal", &Transcript::heal},
      {"crash", &Transcript::crash},
      {"restart", &Transcript::restart},
      {"wipe", &Transcript::wipe},
      {"corrupt", &Transcript::corrupt},
      {"disk-full", &Transcript::disk_full},
      {"propose", &Transcript::propose},
      {"get", &Transcript::get},
      {"stabilize", &Transcript::stabilize},
      {"state", &Transcript::state},
      {"raft-state", &Transcript::raft_state},
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
  out_ += fmt::format("{}->{} {}\n", from.name(), to.name(), describe_message(*message));
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
  node.protocol = make_raft(*node.env, config_);
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

// add-nodes 3 [n1:term=7:voted=n2:log=1,1,4 ...] [bug=commit_old_term_by_count]
void Transcript::add_nodes(const Args& args) {
  if (args.size() < 2 || !nodes_.empty()) {
    error(
        "usage: add-nodes N [nX:term=T:voted=nY:log=t,t,...] [bug=...] [max-entries=K] "
        "[pre-vote=on|off] [check-quorum=on|off]");
    return;
  }
  uint32_t count = static_cast<uint32_t>(std::stoul(args[1]));
  std::map<std::string, std::string> opts = faultline::testing::parse_options(args, 2);
  if (opts.count("bug") != 0) {
    std::optional<RaftConfig::Bug> bug = bug_from_name(opts["bug"]);
    if (!bug) {
      error("unknown bug " + opts["bug"]);
      return;
    }
    config_.bug = *bug;
  }
  for (auto [key, flag] : {std::pair{"pre-vote", &RaftConfig::pre_vote},
                           std::pair{"check-quorum", &RaftConfig::check_quorum}}) {
    if (opts.count(key) != 0) {
      if (opts[key] != "on" && opts[key] != "off") {
        error(fmt::format("{} must be on or off, not {}", key, opts[key]));
        return;
      }
      config_.*flag = opts[key] == "on";
    }
  }
  if (opts.count("max-entries") != 0) {
    config_.max_entries_per_append = static_cast<uint32_t>(std::stoul(opts["max-entries"]));
  }
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
  for (size_t i = 2; i < args.size(); ++i) {
    if (args[i].find(':') != std::string::npos) {
      Node* node = node_arg(args[i].substr(0, args[i].find(':')));
      if (node != nullptr) {
        preload(*node, args[i].substr(args[i].find(':') + 1));
      }
    }
  }
  for (auto& [id, node] : nodes_) {
    start(node, BootMode::bootstrap);
  }
}

// "term=7:voted=n2:log=1,1,4": durable state written before the node's first start.
void Transcript::preload(Node& node, const std::string& spec) {
  FakeStorage& storage = node.env->fake_storage();
  uint64_t term = 0;
  NodeId voted_for;
  for (const std::string& part : split(spec, ':')) {
    size_t equals = part.find('=');
    std::string key = part.substr(0, equals);
    std::string value = equals == std::string::npos ? "" : part.substr(equals + 1);
    if (key == "term") {
      term = std::stoull(value);
    } else if (key == "voted") {
      voted_for = parse_node_id(value).value_or(NodeId::none());
    } else if (key == "log") {
      uint64_t index = 0;
      for (const std::string& entry_term : split(value, ',')) {
        storage.preload(RaftStorage::log_key(++index),
                        encode_entry(LogEntry::noop(std::stoull(entry_term))));
      }
    } else {
      error("unknown preload key " + key);
    }
  }
  storage.preload("term", fmt::format("{}", term));
  storage.preload("voted_for", fmt::format("{}", voted_for.value));
}

void Transcript::fire_timer(const Args& args, TimerTag tag) {
  Node* node = args.size() == 2 ? node_arg(args[1]) : nullptr;
  if (node == nullptr || node->protocol == nullptr) {
    error("usage: campaign|tick-heartbeat nX (a running node)");
    return;
  }
  std::optional<TimerId> timer = node->env->take_timer(static_cast<uint64_t>(tag));
  if (!timer) {
    error(fmt::format("{} has no armed {} timer", args[1],
                      tag == TimerTag::election ? "election" : "heartbeat"));
    return;
  }
  node->protocol->on_timer(*timer, static_cast<uint64_t>(tag));
  after_handler(*node);
}

// elapse 200ms (or 5s, 10ns)
void Transcript::elapse(const Args& args) {
  static const std::pair<std::string_view, int64_t> units[] = {
      {"ms", 1'000'000}, {"ns", 1}, {"s", 1'000'000'000}};
  if (args.size() == 2) {
    for (const auto& [unit, factor] : units) {
      const std::string& text = args[1];
      if (text.size() > unit.size() && text.ends_with(unit) &&
          text.find_first_not_of("0123456789") == text.size() - unit.size()) {
        now_ = now_ + Duration{std::stoll(text.substr(0, text.size() - unit.size())) * factor};
        return;
      }
    }
  }
  error("usage: elapse 200ms | 5s | 10ns");
}

// deliver [n2] [from=n1]
void Transcript::deliver(const Args& args) {
  std::optional<NodeId> only_to;
  std::optional<NodeId> only_from;
  for (size_t i = 1; i < args.size(); ++i) {
    bool is_from = args[i].starts_with("from=");
    std::string name = is_from ? args[i].substr(5) : args[i];
    if (node_arg(name) == nullptr) {
      return;
    }
    (is_from ? only_from : only_to) = parse_node_id(name);
  }
  deliver_queued(only_to, only_from);
}

// Delivers the matching messages queued now (not those their handlers send). Returns whether any
// moved.
bool Transcript::deliver_queued(std::optional<NodeId> only_to, std::optional<NodeId> only_from) {
  std::deque<Envelope> batch;
  std::deque<Envelope> kept;
  for (Envelope& envelope : queue_) {
    bool matches =
        (!only_to || envelope.to == *only_to) && (!only_from || envelope.from == *only_from);
    (matches ? batch : kept).push_back(std::move(envelope));
  }
  queue_ = std::move(kept);
  for (Envelope& envelope : batch) {
    Node& target = nodes_.at(envelope.to);
    if (target.protocol == nullptr || partitioned(envelope.from, envelope.to)) {
      out_ += fmt::format("dropped: {}->{} {} ({})\n", envelope.from.name(), envelope.to.name(),
                          describe_message(*envelope.message),
                          target.protocol == nullptr ? "down" : "partition");
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

// Completes every sync pending on `node` (in issue order). Returns whether there was one.
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
  std::map<std::string, std::string> opts = faultline::testing::parse_options(args, 1);
  std::optional<NodeId> from;
  std::optional<NodeId> to;
  if (opts.count("from") != 0) {
    from = parse_node_id(opts["from"]);
  }
  if (opts.count("to") != 0) {
    to = parse_node_id(opts["to"]);
  }
  std::deque<Envelope> kept;
  for (Envelope& envelope : queue_) {
    if ((!from || envelope.from == *from) && (!to || envelope.to == *to)) {
      out_ += fmt::format("dropped: {}->{} {}\n", envelope.from.name(), envelope.to.name(),
                          describe_message(*envelope.message));
    } else {
      kept.push_back(std::move(envelope));
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

void Transcript::reset(const Args& /*args*/) {
  nodes_.clear();
  queue_.clear();
  partition_group_.clear();
  next_request_id_.clear();
  config_ = RaftConfig{};
  now_ = Time::zero();
}

void Transcript::crash(const Args& args) {
  Node* node = args.size() == 2 ? node_arg(args[1]) : nullptr;
  if (node == nullptr || node->protocol == nullptr) {
    error("usage: crash nX (a running node)");
    return;
  }
  crash_node(*node);
}

void Transcript::restart(const Args& args) {
  Node* node = args.size() == 2 ? node_arg(args[1]) : nullptr;
  if (node == nullptr || node->protocol != nullptr) {
    error("usage: restart nX (a crashed node)");
    return;
  }
  start(*node, BootMode::rejoin);
}

// wipe nX: crash it if running, erase its disk, restart it at once (as a rejoining member).
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

// corrupt nX key: the durable record of `key` fails its checksum from now on (seen at restart).
void Transcript::corrupt(const Args& args) {
  Node* node = args.size() == 3 ? node_arg(args[1]) : nullptr;
  if (node == nullptr) {
    error("usage: corrupt nX key");
    return;
  }
  if (!node->env->fake_storage().corrupt(args[2])) {
    error(fmt::format("{} has no intact durable record '{}'", args[1], args[2]));
  }
}

// disk-full nX [off]: while full, nX's syncs fail with no_space when completed.
void Transcript::disk_full(const Args& args) {
  Node* node = args.size() >= 2 ? node_arg(args[1]) : nullptr;
  if (node == nullptr || (args.size() == 3 && args[2] != "off") || args.size() > 3) {
    error("usage: disk-full nX [off]");
    return;
  }
  node->env->fake_storage().set_full(args.size() == 2);
}

// propose n1 x=1 [client=c1] [id=4] / get n1 x [client=c1] [id=5]
void Transcript::client_request(const Args& args, KvOp op) {
  Node* node = args.size() >= 3 ? node_arg(args[1]) : nullptr;
  if (node == nullptr || node->protocol == nullptr) {
    error("usage: propose nX key=value | get nX key [client=cK] [id=N] (a running node)");
    return;
  }
  std::map<std::string, std::string> opts = faultline::testing::parse_options(args, 3);
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
    progress = deliver_queued(std::nullopt, std::nullopt) || progress;
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
    const RaftNode& raft = *node.raft();
    std::string terms;
    for (uint64_t index = 1; index <= raft.log().last_index(); ++index) {
      terms += fmt::format("{}{}", index == 1 ? "" : ",", raft.log().term_at(index));
    }
    out_ += fmt::format("{}: {} term={} commit={} applied={} log=[{}]\n", id.name(),
                        role_name(raft.role()), raft.current_term(), raft.commit_index(),
                        raft.last_applied(), terms);
  }
}

void Transcript::raft_state(const Args& /*args*/) {
  for (const auto& [id, node] : nodes_) {
    if (node.protocol == nullptr) {
      out_ += fmt::format("{}: down\n", id.name());
      continue;
    }
    const RaftNode& raft = *node.raft();
    out_ +=
        fmt::format("{}: {} term={} voted_for={} leader={}\n", id.name(), role_name(raft.role()),
                    raft.current_term(), raft.voted_for().name(), raft.leader_id().name());
  }
}

void Transcript::log(const Args& args) {
  Node* node = args.size() == 2 ? node_arg(args[1]) : nullptr;
  if (node == nullptr || node->protocol == nullptr) {
    error("usage: log nX (a running node)");
    return;
  }
  const RaftLog& raft_log = node->raft()->log();
  if (raft_log.last_index() == 0) {
    out_ += "(empty)\n";
  }
  for (uint64_t index = 1; index <= raft_log.last_index(); ++index) {
    out_ += fmt::format("{}/{} {}\n", index, raft_log.term_at(index),
                        describe_entry(raft_log.at(index)));
  }
}

void Transcript::kv(const Args& args) {
  Node* node = args.size() == 2 ? node_arg(args[1]) : nullptr;
  if (node == nullptr || node->protocol == nullptr) {
    error("usage: kv nX (a running node)");
    return;
  }
  const auto& items = node->raft()->state_machine().items();
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

}  // namespace faultline::raft::testing
