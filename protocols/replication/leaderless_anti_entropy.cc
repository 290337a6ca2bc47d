// File: leaderless_anti_entropy.cc
// Periodic anti-entropy (Dynamo section 4.7). Dynamo compares Merkle trees per key range; here a
// node sends the items themselves of one bounded range of the keys it shares with one peer (at
// most max_sync_items and about max_message_bytes: values in this simulator are a few bytes, so a
// hash tree would save little), and the peer answers with what it holds newer or what the sender
// lacks in that range. Each node walks the key space with each peer, peer after peer, range after
// range, so after a heal every pair of replicas of every key compares it within
// (peers x ranges) intervals, and all replicas of a key converge to its newest item.
#include <fmt/format.h>

#include "protocols/replication/leaderless_node.h"
#include "sim/base/check.h"

namespace faultline::replication {
namespace {

// Whether one more item fits a message already holding `count` items of `bytes` (always one).
bool fits(const LeaderlessConfig& config, size_t count, uint64_t bytes, const KeyedItem& item) {
  return count == 0 || (count < config.max_sync_items &&
                        bytes + keyed_item_bytes(item) <= config.max_message_bytes);
}

bool in_range(const std::string& key, const std::string& from, const std::string& to) {
  return key >= from && (to.empty() || key < to);
}

}  // namespace

void LeaderlessNode::arm_anti_entropy() {
  if (config_.anti_entropy_interval.ns > 0 && !env_.peers().empty()) {
    env_.set_timer(config_.anti_entropy_interval, anti_entropy_timer_tag);
  }
}

// The next range with the next peer: the shared items from that peer's cursor on, as many as fit;
// the range ends just before the first shared item that did not fit (or at the end of the key
// space, and the cursor wraps around).
void LeaderlessNode::send_sync_range() {
  std::span<const NodeId> peers = env_.peers();
  NodeId peer = peers[next_sync_peer_ % peers.size()];
  next_sync_peer_ = (next_sync_peer_ + 1) % peers.size();
  std::string& cursor = sync_cursor_[peer];
  auto range = std::make_shared<SyncRange>();
  range->from = cursor;
  uint64_t bytes = 0;
  for (auto it = store_.items().lower_bound(cursor); it != store_.items().end(); ++it) {
    if (!shares(it->first, peer)) {
      continue;
    }
    KeyedItem item{it->first, it->second};
    if (!fits(config_, range->items.size(), bytes, item)) {
      range->to = it->first;
      break;
    }
    bytes += keyed_item_bytes(item);
    range->items.push_back(std::move(item));
  }
  cursor = range->to;  // empty: wrap around to the start of the key space
  env_.send(peer, range);
}

void LeaderlessNode::on_sync_range(NodeId from, const SyncRange& range) {
  std::map<std::string_view, const Item*> theirs;
  for (const KeyedItem& item : range.items) {
    FL_CHECK(in_range(item.key, range.from, range.to), "item {} outside range [{}, {})", item.key,
             range.from, range.to);
    install(item.key, item.item, "anti_entropy");
    theirs.emplace(item.key, &item.item);
  }
  auto reply = std::make_shared<SyncRangeReply>();
  uint64_t bytes = 0;
  for (auto it = store_.items().lower_bound(range.from); it != store_.items().end(); ++it) {
    if (!in_range(it->first, range.from, range.to)) {
      break;
    }
    auto known = theirs.find(it->first);
    bool behind = known == theirs.end() || it->second > *known->second;
    if (!behind || !shares(it->first, from)) {
      continue;
    }
    KeyedItem item{it->first, it->second};
    if (!fits(config_, reply->items.size(), bytes, item)) {
      break;  // the rest in a later round over this range
    }
    bytes += keyed_item_bytes(item);
    reply->items.push_back(std::move(item));
  }
  store_.sync_gate().sync_if_dirty();
  if (reply->items.empty()) {
    return;
  }
  // The reply reveals items: only once they are durable (some may have just been installed).
  (void)store_.sync_gate().after_sync([this, from, reply] { env_.send(from, reply); });
}

void LeaderlessNode::on_sync_range_reply(NodeId /*from*/, const SyncRangeReply& reply) {
  for (const KeyedItem& item : reply.items) {
    install(item.key, item.item, "anti_entropy");
  }
  store_.sync_gate().sync_if_dirty();
}

}  // namespace faultline::replication
