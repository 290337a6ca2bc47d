// File: replication_messages.cc
#include "protocols/replication/replication_messages.h"

namespace faultline::replication {

uint64_t entry_size_bytes(const ReplicaEntry& entry) {
  return 48 + entry.key.size() + entry.value.size();
}

uint64_t entries_size_bytes(const std::vector<ReplicaEntry>& entries) {
  uint64_t bytes = 0;
  for (const ReplicaEntry& entry : entries) {
    bytes += entry_size_bytes(entry);
  }
  return bytes;
}

uint64_t Update::size_bytes() const {
  return 40 + entries_size_bytes(entries);
}

uint64_t LogChunk::size_bytes() const {
  return 40 + entries_size_bytes(entries);
}

}  // namespace faultline::replication
