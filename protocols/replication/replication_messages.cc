// File: replication_messages.cc
#include "protocols/replication/replication_messages.h"

namespace faultline::replication {

uint64_t entries_size_bytes(const std::vector<ReplicaEntry>& entries) {
  uint64_t bytes = 0;
  for (const ReplicaEntry& entry : entries) {
    bytes += 48 + entry.key.size() + entry.value.size();
  }
  return bytes;
}

uint64_t Update::size_bytes() const {
  return 40 + entries_size_bytes(entries);
}

uint64_t EpochState::size_bytes() const {
  return 40 + entries_size_bytes(log);
}

uint64_t StartEpoch::size_bytes() const {
  return 32 + entries_size_bytes(log);
}

}  // namespace faultline::replication
