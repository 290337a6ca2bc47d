// File: single_transcript_runner.cc
// The single-decree transcript cluster (fake nodes, a FIFO message queue) and one handler per
// command. Everything is ordered: nodes by id, messages by send order.
#include "protocols/paxos/testing/single_transcript_runner.h"

#include <deque>
#include <map>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "protocols/paxos/single_decree.h"
#include "protocols/paxos/single_decree_messages.h"
#include "protocols/paxos/single_decree_node.h"
#include "sim/env/testing/fake_env.h"
#include "sim/env/testing/transcript_file.h"
#include "sim/env/testing/transcript_parse.h"

namespace faultline::paxos::testing {
namespace {

using faultline::testing::FakeEnv;
using faultline::testing::FakeWorld;

constexpr int max_stabilize_rounds = 10'000;  // STYLE.md 7

struct Envelope {
  NodeId from;
  NodeId to;
  MessagePtr message;
};

struct Node {
  std::unique_ptr<FakeEnv> env;
  SingleDecreeConfig config;
  std::unique_ptr<Protocol> protocol;  // null while crashed
  const SingleDecreeNode& paxos() const { return static_cast<SingleDecreeNode&>(*protocol); }
};

using faultline::testing::split;

// "n3" -> NodeId{3}; nullopt otherwise ("c2" included: this runner has no clients).
std::optional<NodeId> parse_node(const std::string& text) {
  return text.starts_with('n') ? faultline::testing::parse_node_id(text) : std::nullopt;
}

// "r4.n1" -> Ballot{4, 1}.
std::optional<Ballot> parse_ballot(const std::string& text) {
  size_t dot = text.find(".n");
  if (text.size() < 4 || text[0] != 'r' || dot == std::string::npos) {
    return std::nullopt;
  }
  std::string round = text.substr(1, dot - 1);
  std::string proposer = text.substr(dot + 2);
  if (round.empty() || proposer.empty() ||
      round.find_first_not_of("0123456789") != std::string::npos ||
      proposer.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return Ballot{std::stoull(round), static_cast<uint32_t>(std::stoul(proposer))};
}

std::string describe(const Message& message) {
  switch (static_cast<SingleDecreeMessageKind>(message.kind())) {
    case SingleDecreeMessageKind::prepare:
      return static_cast<const Prepare&>(message).describe();
    case SingleDecreeMessageKind::promise:
      return static_cast<const Promise&>(message).describe();
    case SingleDecreeMessageKind::accept:
      return static_cast<const Accept&>(message).describe();
    case SingleDecreeMessageKind::accepted:
      return static_cast<const Accepted&>(message).describe();
    case SingleDecreeMessageKind::nack:
      return static_cast<const Nack&>(message).describe();
  }
  return std::string(message.type_name());
}

std::string_view phase_name(Proposer::Phase phase) {
  switch (phase) {
    case Proposer::Phase::idle:
      return "idle";
    case Proposer::Phase::persisting:
      return "persisting";
    case Proposer::Phase::preparing:
      return "preparing";
    case Proposer::Phase::accepting:
      return "accepting";
    case Proposer::Phase::waiting:
      return "waiting";
    case Proposer::Phase::done:
      return "done";
  }
  return "?";
}

// Which queued messages a deliver/drop command means.
struct Filter {
  std::vector<NodeId> to;
  std::optional<NodeId> from;
  std::optional<std::string> type;
  bool matches(const Envelope& envelope) const {
    bool to_matches = to.empty();
    for (NodeId target : to) {
      to_matches = to_matches || envelope.to == target;
    }
    return to_matches && (!from || envelope.from == *from) &&
           (!type || envelope.message->type_name() == *type);
  }
};

class Transcript final : public FakeWorld {
 public:
  std::string run(const std::string& commands);

  void on_send(NodeId from, NodeId to, MessagePtr message) override;
  void on_trace(NodeId node, const TraceEvent& event) override;
  Time now() const override { return Time::zero(); }

 private:
  using Args = std::vector<std::string>;
  using Handler = void (Transcript::*)(const Args&);

  void run_line(const std::string& line);
  void error(const std::string& message) { out_ += "error: " + message + "\n"; }
  Node* node_arg(const std::string& text);
  std::optional<Filter> filter_args(const Args& args, bool positional_targets);

  void add_nodes(const Args& args);
  bool configure(const std::string& option, SingleDecreeConfig& base,
                 std::map<NodeId, std::string>& proposers);
  void propose(const Args& args) { fire_timer(args, ProposerTimer::start); }
  void retry(const Args& args) { fire_timer(args, ProposerTimer::retry); }
  void timeout(const Args& args) { fire_timer(args, ProposerTimer::phase_timeout); }
  void fire_timer(const Args& args, ProposerTimer tag);
  void deliver(const Args& args);
  bool deliver_matching(const Filter& filter);
  void deliver_one(Envelope& envelope);
  void drop(const Args& args);
  void inject(const Args& args);
  void sync(const Args& args);
  bool sync_node(Node& node);
  void crash(const Args& args);
  void restart(const Args& args);
  void stabilize(const Args& args);
  void reset(const Args& /*args*/) {
    nodes_.clear();
    queue_.clear();
  }
  void state(const Args& args);

  void start(Node& node, BootMode mode);
  void after_handler(Node& node);
  void crash_node(Node& node);

  static const std::map<std::string, Handler>& handlers();

  std::map<NodeId, Node> nodes_;
  std::deque<Envelope> queue_;
  std::string out_;
};

const std::map<std::string, Transcript::Handler>& Transcript::handlers() {
  static const std::map<std::string, Handler> table = {
      {"add-nodes", &Transcript::add_nodes}, {"propose", &Transcript::propose},
      {"retry", &Transcript::retry},         {"timeout", &Transcript::timeout},
      {"deliver", &Transcript::deliver},     {"drop", &Transcript::drop},
      {"inject", &Transcript::inject},       {"sync", &Transcript::sync},
      {"crash", &Transcript::crash},         {"restart", &Transcript::restart},
      {"stabilize", &Transcript::stabilize}, {"state", &Transcript::state},
      {"reset", &Transcript::reset},
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
  std::optional<NodeId> id = parse_node(text);
  if (!id || nodes_.count(*id) == 0) {
    error(fmt::format("unknown node '{}'", text));
    return nullptr;
  }
  return &nodes_.at(*id);
}

// [n2 n3 ...] (when positional_targets) [to=n2] [from=n1] [type=Accept]
std::optional<Filter> Transcript::filter_args(const Args& args, bool positional_targets) {
  Filter filter;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.starts_with("type=")) {
      filter.type = arg.substr(5);
      continue;
    }
    bool is_from = arg.starts_with("from=");
    bool is_to = arg.starts_with("to=");
    if (!is_from && !is_to && !positional_targets) {
      error("unexpected argument " + arg);
      return std::nullopt;
    }
    std::string name = is_from ? arg.substr(5) : is_to ? arg.substr(3) : arg;
    if (node_arg(name) == nullptr) {
      return std::nullopt;
    }
    if (is_from) {
      filter.from = parse_node(name);
    } else {
      filter.to.push_back(*parse_node(name));
    }
  }
  return filter;
}

void Transcript::start(Node& node, BootMode mode) {
  node.env->set_boot_mode(mode);
  node.protocol = make_single_decree_paxos(*node.env, node.config);
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

// add-nodes 3 [proposers=n1:x,n3] [bug=...]
void Transcript::add_nodes(const Args& args) {
  if (args.size() < 2 || !nodes_.empty() ||
      args[1].find_first_not_of("0123456789") != std::string::npos) {
    error("usage: add-nodes N [proposers=n1:x,n2] [bug=...]");
    return;
  }
  uint32_t count = static_cast<uint32_t>(std::stoul(args[1]));
  SingleDecreeConfig base;
  std::map<NodeId, std::string> proposers;
  for (size_t i = 2; i < args.size(); ++i) {
    if (!configure(args[i], base, proposers)) {
      return;
    }
  }
  for (uint32_t number = 1; number <= count; ++number) {
    std::vector<NodeId> peers;
    for (uint32_t other = 1; other <= count; ++other) {
      if (other != number) {
        peers.push_back(NodeId::server(other));
      }
    }
    NodeId id = NodeId::server(number);
    Node& node = nodes_[id];
    node.env = std::make_unique<FakeEnv>(id, std::move(peers), *this);
    node.config = base;
    if (proposers.count(id) != 0) {
      node.config.proposer.proposes = true;
      node.config.proposer.value = proposers[id];
      // Armed, fired by `propose`: transcripts decide when a proposer starts.
      node.config.proposer.propose_at = Duration::nanoseconds(1);
    }
  }
  for (auto& [id, node] : nodes_) {
    start(node, BootMode::bootstrap);
  }
}

bool Transcript::configure(const std::string& option, SingleDecreeConfig& base,
                           std::map<NodeId, std::string>& proposers) {
  if (option.starts_with("bug=")) {
    std::optional<AcceptorBug> bug = acceptor_bug_from_name(option.substr(4));
    if (!bug) {
      error("unknown bug " + option.substr(4));
      return false;
    }
    base.bug = *bug;
    return true;
  }
  if (!option.starts_with("proposers=")) {
    error("unknown option " + option);
    return false;
  }
  for (const std::string& entry : split(option.substr(10), ',')) {
    size_t colon = entry.find(':');
    std::optional<NodeId> id = parse_node(entry.substr(0, colon));
    if (!id) {
      error("bad proposer " + entry);
      return false;
    }
    proposers[*id] = colon == std::string::npos ? "v-" + id->name() : entry.substr(colon + 1);
  }
  return true;
}

void Transcript::fire_timer(const Args& args, ProposerTimer tag) {
  Node* node = args.size() == 2 ? node_arg(args[1]) : nullptr;
  if (node == nullptr || node->protocol == nullptr) {
    error("usage: propose|retry|timeout nX (a running node)");
    return;
  }
  std::optional<TimerId> timer = node->env->take_timer(static_cast<uint64_t>(tag));
  if (!timer) {
    error(fmt::format("{} has no armed timer {}", args[1], static_cast<uint64_t>(tag)));
    return;
  }
  node->protocol->on_timer(*timer, static_cast<uint64_t>(tag));
  after_handler(*node);
}

void Transcript::deliver(const Args& args) {
  if (std::optional<Filter> filter = filter_args(args, true)) {
    deliver_matching(*filter);
  }
}

// Delivers the matching messages queued now (not those their handlers send).
bool Transcript::deliver_matching(const Filter& filter) {
  std::deque<Envelope> batch;
  std::deque<Envelope> kept;
  for (Envelope& envelope : queue_) {
    (filter.matches(envelope) ? batch : kept).push_back(std::move(envelope));
  }
  queue_ = std::move(kept);
  for (Envelope& envelope : batch) {
    deliver_one(envelope);
  }
  return !batch.empty();
}

void Transcript::deliver_one(Envelope& envelope) {
  Node& target = nodes_.at(envelope.to);
  if (target.protocol == nullptr) {
    out_ += fmt::format("dropped: {}->{} {} (down)\n", envelope.from.name(), envelope.to.name(),
                        describe(*envelope.message));
    return;
  }
  target.protocol->on_message(envelope.from, envelope.message);
  after_handler(target);
}

void Transcript::drop(const Args& args) {
  std::optional<Filter> filter = filter_args(args, false);
  if (!filter) {
    return;
  }
  std::deque<Envelope> kept;
  for (Envelope& envelope : queue_) {
    if (filter->matches(envelope)) {
      out_ += fmt::format("dropped: {}->{} {}\n", envelope.from.name(), envelope.to.name(),
                          describe(*envelope.message));
    } else {
      kept.push_back(std::move(envelope));
    }
  }
  queue_ = std::move(kept);
}

// inject n1->n3 prepare r5.n2 | inject n1->n3 accept r4.n1 z
void Transcript::inject(const Args& args) {
  size_t arrow = args.size() >= 4 ? args[1].find("->") : std::string::npos;
  std::optional<Ballot> ballot = args.size() >= 4 ? parse_ballot(args[3]) : std::nullopt;
  bool is_accept = args.size() == 5 && args[2] == "accept";
  bool is_prepare = args.size() == 4 && args[2] == "prepare";
  if (arrow == std::string::npos || !ballot || (!is_accept && !is_prepare)) {
    error("usage: inject nX->nY prepare rR.nP | inject nX->nY accept rR.nP value");
    return;
  }
  if (node_arg(args[1].substr(0, arrow)) == nullptr ||
      node_arg(args[1].substr(arrow + 2)) == nullptr) {
    return;
  }
  Envelope envelope{*parse_node(args[1].substr(0, arrow)), *parse_node(args[1].substr(arrow + 2)),
                    nullptr};
  if (is_accept) {
    auto accept = std::make_shared<Accept>();
    accept->ballot = *ballot;
    accept->value = args[4];
    envelope.message = std::move(accept);
  } else {
    auto prepare = std::make_shared<Prepare>();
    prepare->ballot = *ballot;
    envelope.message = std::move(prepare);
  }
  out_ += fmt::format("injected: {}->{} {}\n", envelope.from.name(), envelope.to.name(),
                      describe(*envelope.message));
  deliver_one(envelope);
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
    faultline::testing::FakeStorage::SyncResult result =
        node.env->fake_storage().finish_oldest_sync();
    node.protocol->on_storage_complete(result.op, result.status);
    after_handler(node);
    any = true;
  }
  return any;
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

void Transcript::state(const Args& /*args*/) {
  for (const auto& [id, node] : nodes_) {
    if (node.protocol == nullptr) {
      out_ += fmt::format("{}: down\n", id.name());
      continue;
    }
    const SingleDecreeNode& paxos = node.paxos();
    const Acceptor& acceptor = paxos.acceptor();
    std::string accepted =
        acceptor.accepted_ballot().is_none()
            ? "-"
            : acceptor.accepted_ballot().name() + ":" + acceptor.accepted_value();
    out_ +=
        fmt::format("{}: promised={} accepted={} learned={}", id.name(), acceptor.promised().name(),
                    accepted, paxos.learner().learned().value_or("-"));
    if (node.config.proposer.proposes) {
      out_ += fmt::format(" proposer={} ballot={}", phase_name(paxos.proposer().phase()),
                          paxos.proposer().ballot().name());
    }
    out_ += "\n";
  }
}

}  // namespace

TranscriptResult run_transcript(const std::string& text) {
  Transcript transcript;
  return faultline::testing::run_transcript_blocks(
      text, [&transcript](const std::string& commands) { return transcript.run(commands); });
}

}  // namespace faultline::paxos::testing
