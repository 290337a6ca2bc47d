// File: replication_params.h
// The scenario parameters of `cluster.protocol: replication` (cluster.params), plain data
// validated by parse_replication_params (replication_params_parser.h);
// sim/runner/replication_factory.cc maps them onto protocols/replication's ReplicationConfig, or
// onto Raft's config for the active strategy.
#pragma once

#include <cstdint>
#include <string>

#include "sim/base/time.h"

namespace faultline {

// The failure detector that drives failover: `detector: { kind: fixed_timeout, interval,
// timeout }`. A minimal form until the shared DetectorParams (sim/scenario/detector_params.h,
// with phi accrual) is on main; the defaults equal protocols/heartbeat's DetectorConfig.
struct ReplicationDetectorParams {
  Duration interval = Duration::milliseconds(100);  // heartbeat period, > 0 and <= 10m
  Duration timeout = Duration::milliseconds(500);   // suspect after this silence, > interval, <= 1h
};

struct ReplicationParams {
  // passive | semi_active | active.
  std::string strategy = "passive";
  // active only: the consensus log every replica executes: raft.
  std::string log = "raft";
  // passive and semi_active only.
  ReplicationDetectorParams detector;
  // passive and semi_active only: at most this many entries per Update or LogChunk, 1..4096.
  uint32_t max_entries_per_update = 64;
  // "" (the correct protocol) | no_epochs (passive, semi_active; protocol-bugs.md B22) |
  // followers_choose (semi_active only).
  std::string bug;
};

}  // namespace faultline
