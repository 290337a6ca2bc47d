// File: transcript_runner.cc
// The primary-backup runner on the shared transcript cluster (replica_transcript_harness.h): its
// add-nodes options, its message printer and its inspection commands (state, log, kv).
#include "protocols/replication/testing/transcript_runner.h"

#include <fmt/format.h>

#include "protocols/replication/replica_node.h"
#include "protocols/replication/replication.h"
#include "protocols/replication/testing/replica_transcript_harness.h"
#include "sim/env/testing/transcript_parse.h"

namespace faultline::replication::testing {
namespace {

std::string describe_entries(const std::vector<ReplicaEntry>& entries, uint64_t first_index) {
  std::string text = "[";
  for (size_t i = 0; i < entries.size(); ++i) {
    const ReplicaEntry& entry = entries[i];
    text += fmt::format("{}{}/e{}:{}", i == 0 ? "" : " ", first_index + i, entry.epoch,
                        entry.op == KvOp::put ? fmt::format("{}={}", entry.key, entry.value)
                                              : fmt::format("get({})", entry.key));
  }
  return text + "]";
}

std::string describe_reply(const KvReply& reply) {
  return reply.status == KvStatus::ok
             ? fmt::format("KvReply id={} ok value={}", reply.request_id, reply.value)
             : fmt::format("KvReply id={} not_leader hint={}", reply.request_id,
                           reply.leader_hint.is_none() ? "-" : reply.leader_hint.name());
}

// The epoch-change messages (Heartbeat, EpochState, StartEpoch, FetchLog, LogChunk).
std::string describe_epoch_message(const Message& message) {
  switch (message.kind()) {
    case static_cast<uint32_t>(ReplicationMessageKind::heartbeat): {
      const auto& heartbeat = static_cast<const Heartbeat&>(message);
      return fmt::format("Heartbeat epoch={}{} commit={}", heartbeat.epoch,
                         heartbeat.primary ? " primary" : "", heartbeat.commit_index);
    }
    case static_cast<uint32_t>(ReplicationMessageKind::epoch_state): {
      const auto& state = static_cast<const EpochState&>(message);
      return fmt::format("EpochState epoch={} log_epoch={} length={} commit={}", state.epoch,
                         state.log_epoch, state.log_length, state.commit_index);
    }
    case static_cast<uint32_t>(ReplicationMessageKind::start_epoch): {
      const auto& start = static_cast<const StartEpoch&>(message);
      return fmt::format("StartEpoch epoch={} length={} commit={}", start.epoch, start.log_length,
                         start.commit_index);
    }
    case static_cast<uint32_t>(ReplicationMessageKind::fetch_log): {
      const auto& fetch = static_cast<const FetchLog&>(message);
      return fmt::format("FetchLog epoch={} from={}", fetch.epoch, fetch.from_index);
    }
    case static_cast<uint32_t>(ReplicationMessageKind::log_chunk): {
      const auto& chunk = static_cast<const LogChunk&>(message);
      return fmt::format("LogChunk epoch={} {} length={}", chunk.epoch,
                         describe_entries(chunk.entries, chunk.first_index), chunk.log_length);
    }
    default:
      return std::string(message.type_name());
  }
}

std::string describe_message(const Message& message) {
  switch (message.kind()) {
    case static_cast<uint32_t>(KvMessageKind::request):
      return describe_kv_request(static_cast<const KvRequest&>(message));
    case static_cast<uint32_t>(KvMessageKind::reply):
      return describe_reply(static_cast<const KvReply&>(message));
    case static_cast<uint32_t>(ReplicationMessageKind::update): {
      const auto& update = static_cast<const Update&>(message);
      return fmt::format("Update epoch={} {} commit={}", update.epoch,
                         describe_entries(update.entries, update.first_index), update.commit_index);
    }
    case static_cast<uint32_t>(ReplicationMessageKind::update_ack): {
      const auto& ack = static_cast<const UpdateAck&>(message);
      return fmt::format("UpdateAck epoch={} stored={}", ack.epoch, ack.stored_index);
    }
    default:
      return describe_epoch_message(message);
  }
}

std::string_view role_name(ReplicaNode::Role role) {
  switch (role) {
    case ReplicaNode::Role::primary:
      return "primary";
    case ReplicaNode::Role::backup:
      return "backup";
    case ReplicaNode::Role::view_change:
      return "view_change";
  }
  return "?";
}

class ReplicaTranscript final : public ReplicaTranscriptHarness {
 public:
  ReplicaTranscript();

 private:
  std::unique_ptr<Protocol> make_replica(NodeEnv& env) override {
    return std::make_unique<ReplicaNode>(env, config_);
  }
  bool configure(Options& opts) override;
  std::string describe(const Message& message) const override { return describe_message(message); }

  void state(const Args& args);
  void log(const Args& args);
  void kv(const Args& args);

  ReplicationConfig config_;
};

ReplicaTranscript::ReplicaTranscript()
    : ReplicaTranscriptHarness(HarnessSettings{
          .put_command = "propose",
          .tick_timer_name = "tick",
          .tick_timer_tag = tick_timer_tag,
          .add_nodes_usage = "usage: add-nodes N [strategy=...] [bug=...] [interval=100ms] "
                             "[timeout=500ms] [max-entries=64]",
      }) {
  add_command("state", [this](const Args& args) { state(args); });
  add_command("log", [this](const Args& args) { log(args); });
  add_command("kv", [this](const Args& args) { kv(args); });
}

// add-nodes N [strategy=...] [bug=...] [interval=100ms] [timeout=500ms] [max-entries=64]
bool ReplicaTranscript::configure(Options& opts) {
  if (opts.count("strategy") != 0) {
    std::optional<ReplicationConfig::Strategy> strategy = strategy_from_name(opts["strategy"]);
    if (!strategy) {
      error("unknown strategy " + opts["strategy"]);
      return false;
    }
    config_.strategy = *strategy;
  }
  if (opts.count("bug") != 0) {
    std::optional<ReplicationConfig::Bug> bug = bug_from_name(opts["bug"]);
    if (!bug) {
      error("unknown bug " + opts["bug"]);
      return false;
    }
    config_.bug = *bug;
  }
  for (auto [key, field] : {std::pair{"interval", &heartbeat::DetectorConfig::interval},
                            std::pair{"timeout", &heartbeat::DetectorConfig::timeout}}) {
    if (opts.count(key) != 0) {
      std::optional<Duration> value = faultline::testing::parse_signed_duration(opts[key]);
      if (!value) {
        error(fmt::format("bad {} {}", key, opts[key]));
        return false;
      }
      config_.detector.*field = *value;
    }
  }
  if (opts.count("max-entries") != 0) {
    config_.max_entries_per_update = static_cast<uint32_t>(std::stoul(opts["max-entries"]));
  }
  return true;
}

void ReplicaTranscript::state(const Args& /*args*/) {
  for (const auto& [id, node] : nodes()) {
    if (node.replica == nullptr) {
      print(fmt::format("{}: down\n", id.name()));
      continue;
    }
    const auto& replica = replica_of<ReplicaNode>(node);
    print(fmt::format("{}: {} epoch={} log_epoch={} primary={} commit={} applied={} log={}\n",
                      id.name(), role_name(replica.role()), replica.epoch(), replica.log_epoch(),
                      replica.primary().name(), replica.commit_index(), replica.applied_index(),
                      describe_entries(replica.log(), 1)));
  }
}

void ReplicaTranscript::log(const Args& args) {
  Node* node = running_node_arg(args, "usage: log nX (a running node)");
  if (node == nullptr) {
    return;
  }
  const auto& entries = replica_of<ReplicaNode>(*node).log();
  if (entries.empty()) {
    print("(empty)\n");
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    print(fmt::format("{} {}\n", i + 1, encode_entry(entries[i])));
  }
}

void ReplicaTranscript::kv(const Args& args) {
  Node* node = running_node_arg(args, "usage: kv nX (a running node)");
  if (node == nullptr) {
    return;
  }
  const auto& items = replica_of<ReplicaNode>(*node).state().items();
  if (items.empty()) {
    print("(empty)\n");
  }
  for (const auto& [key, item] : items) {
    print(fmt::format("{}={} version={}\n", key, item.value, item.version));
  }
}

}  // namespace

TranscriptResult run_transcript(const std::string& text) {
  ReplicaTranscript transcript;
  return faultline::testing::run_transcript_blocks(
      text, [&transcript](const std::string& commands) { return transcript.run(commands); });
}

}  // namespace faultline::replication::testing
