// File: leaderless_messages.cc
// Wire sizes of the variable-length leaderless messages.
#include "protocols/replication/leaderless_messages.h"

namespace faultline::replication {

uint64_t keyed_item_bytes(const KeyedItem& item) {
  return 16 + item.key.size() + item.item.value.size();
}

uint64_t SyncRange::size_bytes() const {
  uint64_t bytes = 32 + from.size() + to.size();
  for (const KeyedItem& item : items) {
    bytes += keyed_item_bytes(item);
  }
  return bytes;
}

uint64_t SyncRangeReply::size_bytes() const {
  uint64_t bytes = 24;
  for (const KeyedItem& item : items) {
    bytes += keyed_item_bytes(item);
  }
  return bytes;
}

}  // namespace faultline::replication
