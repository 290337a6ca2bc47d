// File: replica_transcript_harness.h
// The transcript cluster both replication runners share (transcript_runner.h for the format): fake
// nodes with per-node clock offsets, a FIFO message queue, partitions, and the commands every
// replication protocol understands (add-nodes, tick, elapse, clock, deliver, drop, sync,
// partition, heal, crash, restart, the client put/get, stabilize). A runner derives from it, builds
// its protocol's nodes, parses its add-nodes options, prints its messages and adds its inspection
// commands. Everything is ordered: nodes by id, messages by send order, commands by name.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/replication/testing/offset_env.h"
#include "sim/env/kv_messages.h"
#include "sim/env/protocol.h"
#include "sim/env/testing/fake_env.h"

namespace faultline::replication::testing {

// "KvRequest id=4 put x=1" / "KvRequest id=5 get x": the client request both runners print alike.
std::string describe_kv_request(const KvRequest& request);

// What differs between the runners but is data, not behaviour (views of string literals).
struct HarnessSettings {
  std::string_view put_command;      // the client put's command name ("propose", "put")
  std::string_view tick_timer_name;  // what `tick` fires, in its errors ("tick", "anti-entropy")
  uint64_t tick_timer_tag = 0;       // the timer tag `tick` takes and fires
  std::string_view add_nodes_usage;  // the add-nodes usage line, options included
};

class ReplicaTranscriptHarness : public faultline::testing::FakeWorld {
 public:
  explicit ReplicaTranscriptHarness(HarnessSettings settings);
  ~ReplicaTranscriptHarness() override = default;

  // Runs one block's command lines; returns its output ("ok\n" when there is none).
  std::string run(const std::string& commands);

  void on_send(NodeId from, NodeId to, MessagePtr message) override;
  void on_trace(NodeId node, const TraceEvent& event) override;
  Time now() const override { return now_; }

 protected:
  using Args = std::vector<std::string>;
  using Command = std::function<void(const Args&)>;
  using Options = std::map<std::string, std::string>;

  struct Node {
    std::unique_ptr<OffsetEnv> env;
    std::unique_ptr<Protocol> replica;  // null while crashed; built by make_replica
  };

  // The protocol's hooks.
  virtual std::unique_ptr<Protocol> make_replica(NodeEnv& env) = 0;
  // Applies add-nodes' key=value options to the protocol's config; false after error().
  virtual bool configure(Options& options) = 0;
  virtual std::string describe(const Message& message) const = 0;

  // For the runners' own commands.
  void add_command(std::string name, Command command);
  void print(std::string_view text) { out_ += text; }
  void error(const std::string& message) { out_ += "error: " + message + "\n"; }
  Node* node_arg(const std::string& text);
  // args "cmd nX" naming a running node, or nullptr after an error (`usage` on a bad shape).
  Node* running_node_arg(const Args& args, const std::string& usage);
  const std::map<NodeId, Node>& nodes() const { return nodes_; }
  void after_handler(Node& node);
  // The replica of a node this runner built (make_replica decides its type).
  template <typename Replica>
  static Replica& replica_of(const Node& node) {
    return static_cast<Replica&>(*node.replica);
  }

 private:
  struct Filter {
    std::optional<NodeId> from;
    std::optional<NodeId> to;
    std::string type;
  };
  struct Envelope {
    NodeId from;
    NodeId to;
    MessagePtr message;
  };

  void run_line(const std::string& line);
  std::optional<Filter> filter(const Args& args, bool bare_node_is_target);
  static bool matches(const Filter& filter, const Envelope& envelope);

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
  void crash(const Args& args);
  void restart(const Args& args);
  void client_request(const Args& args, KvOp op);
  void stabilize();

  bool partitioned(NodeId from, NodeId to) const;
  void start(Node& node, BootMode mode);
  void crash_node(Node& node);

  HarnessSettings settings_;
  std::map<std::string, Command> commands_;
  std::map<NodeId, Node> nodes_;
  std::deque<Envelope> queue_;
  std::map<NodeId, int> partition_group_;
  std::map<NodeId, uint64_t> next_request_id_;
  std::string out_;
  Time now_ = Time::zero();
};

}  // namespace faultline::replication::testing
