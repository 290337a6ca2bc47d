// File: leaderless_transcript_runner.cc
// The leaderless store's runner on the shared transcript cluster (replica_transcript_harness.h):
// its add-nodes options, its message printer and its own commands (timeout, store, ring).
#include "protocols/replication/testing/leaderless_transcript_runner.h"

#include <fmt/format.h>

#include "protocols/replication/leaderless_node.h"
#include "protocols/replication/testing/replica_transcript_harness.h"
#include "sim/env/testing/transcript_parse.h"

namespace faultline::replication::testing {
namespace {

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

std::string describe_message(const Message& message) {
  switch (message.kind()) {
    case static_cast<uint32_t>(KvMessageKind::request):
      return describe_kv_request(static_cast<const KvRequest&>(message));
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

class LeaderlessTranscript final : public ReplicaTranscriptHarness {
 public:
  LeaderlessTranscript();

 private:
  std::unique_ptr<Protocol> make_replica(NodeEnv& env) override {
    return std::make_unique<LeaderlessNode>(env, config_);
  }
  bool configure(Options& opts) override;
  std::string describe(const Message& message) const override { return describe_message(message); }

  void timeout(const Args& args);
  void store(const Args& args);
  void ring(const Args& args);

  LeaderlessConfig config_;
};

LeaderlessTranscript::LeaderlessTranscript()
    : ReplicaTranscriptHarness(HarnessSettings{
          .put_command = "put",
          .tick_timer_name = "anti-entropy",
          .tick_timer_tag = anti_entropy_timer_tag,
          .add_nodes_usage = "usage: add-nodes N [rf=3] [vnodes=16] [w=quorum] [r=quorum] "
                             "[read-repair=async] [timestamps=clock] [anti-entropy=500ms] "
                             "[timeout=300ms] [max-items=16]",
      }) {
  add_command("timeout", [this](const Args& args) { timeout(args); });
  add_command("store", [this](const Args& args) { store(args); });
  add_command("ring", [this](const Args& args) { ring(args); });
}

// add-nodes N [rf=3] [vnodes=16] [w=quorum] [r=quorum] [read-repair=async]
// [timestamps=clock] [anti-entropy=500ms] [timeout=300ms] [max-items=16]
bool LeaderlessTranscript::configure(Options& opts) {
  for (auto [key, field] : {std::pair{"w", &LeaderlessConfig::write_consistency},
                            std::pair{"r", &LeaderlessConfig::read_consistency}}) {
    if (opts.count(key) != 0) {
      std::optional<LeaderlessConfig::Level> level = level_from_name(opts[key]);
      if (!level) {
        error(fmt::format("bad {} {}", key, opts[key]));
        return false;
      }
      config_.*field = *level;
    }
  }
  if (opts.count("read-repair") != 0) {
    std::optional<LeaderlessConfig::ReadRepair> mode = read_repair_from_name(opts["read-repair"]);
    if (!mode) {
      error("bad read-repair " + opts["read-repair"]);
      return false;
    }
    config_.read_repair = *mode;
  }
  if (opts.count("timestamps") != 0) {
    std::optional<LeaderlessConfig::Timestamps> source = timestamps_from_name(opts["timestamps"]);
    if (!source) {
      error("bad timestamps " + opts["timestamps"]);
      return false;
    }
    config_.timestamps = *source;
  }
  for (auto [key, field] : {std::pair{"anti-entropy", &LeaderlessConfig::anti_entropy_interval},
                            std::pair{"timeout", &LeaderlessConfig::coordinator_timeout}}) {
    if (opts.count(key) != 0) {
      std::optional<Duration> value = faultline::testing::parse_signed_duration(opts[key]);
      if (!value) {
        error(fmt::format("bad {} {}", key, opts[key]));
        return false;
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
  return true;
}

// timeout n1: fire every armed coordinator timeout of n1 (in operation order).
void LeaderlessTranscript::timeout(const Args& args) {
  Node* node = running_node_arg(args, "usage: timeout nX (a running node)");
  if (node == nullptr) {
    return;
  }
  for (uint64_t id : replica_of<LeaderlessNode>(*node).pending_operation_ids()) {
    if (std::optional<TimerId> timer = node->env->fake().take_timer(operation_timer_base + id)) {
      node->replica->on_timer(*timer, operation_timer_base + id);
      after_handler(*node);
    }
  }
}

// store [nX]: every item of every running node (or of nX), in key order.
void LeaderlessTranscript::store(const Args& args) {
  for (const auto& [id, node] : nodes()) {
    if (args.size() == 2 && args[1] != id.name()) {
      continue;
    }
    if (node.replica == nullptr) {
      print(fmt::format("{}: down\n", id.name()));
      continue;
    }
    std::string text;
    for (const auto& [key, item] : replica_of<LeaderlessNode>(node).store().items()) {
      text += fmt::format(" {}={}", key, describe_item(item));
    }
    print(fmt::format("{}:{}\n", id.name(), text.empty() ? " (empty)" : text));
  }
}

// ring k1 [k2 ...]: each key's preference list.
void LeaderlessTranscript::ring(const Args& args) {
  const Node* any = nullptr;
  for (const auto& [id, node] : nodes()) {
    if (node.replica != nullptr) {
      any = &node;
      break;
    }
  }
  if (any == nullptr || args.size() < 2) {
    error("usage: ring key [key ...] (with a running node)");
    return;
  }
  const HashRing& ring = replica_of<LeaderlessNode>(*any).ring();
  for (size_t i = 1; i < args.size(); ++i) {
    print(fmt::format("{}: {}\n", args[i], describe_nodes(ring.preference_list(args[i]))));
  }
}

}  // namespace

TranscriptResult run_leaderless_transcript(const std::string& text) {
  LeaderlessTranscript transcript;
  return faultline::testing::run_transcript_blocks(
      text, [&transcript](const std::string& commands) { return transcript.run(commands); });
}

}  // namespace faultline::replication::testing
