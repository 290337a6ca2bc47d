// File: trace_walk.h
// Walks a canonical trace for the exporters (`faultline trace export`): links every copy of a
// message that arrives (`net.deliver`) or is dropped (`net.drop`) to its `net.send` by the
// message id the fabric gives each send (sim/cluster/cluster.cc; a duplicated message's two
// copies share it), sorts the other lines into protocol events, faults and phase marks, and
// keeps to a time window. A message belongs to the window when its send does; its arrival is
// reported even after the window ends, so that no arrow is cut in half.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/base/node_id.h"
#include "sim/base/result.h"
#include "tools/trace_reader.h"

namespace faultline {

// What a line that is not a message send, arrival or drop is about.
enum class TraceEventKind {
  protocol,  // the protocol's own events (raft.*, paxos.*, fd.*, replication.*), client.*
  fault,     // nemesis.*, net.partition/heal/clog/clog_end, node.*, clock.*, disk.*
  phase,     // phase.start, phase.expect
  network,   // net.duplicate, net.reorder, net.clog_hold: what the network did to one message
};

// Which kind a line is (its component and event); the exporters and their tests share this rule.
// Message lines (net.send, net.deliver, net.drop) are TraceEventKind::network here.
TraceEventKind classify_trace_event(std::string_view component, std::string_view event);

// A message, as its send line described it.
struct TraceMessage {
  uint64_t id = 0;
  NodeId from;
  NodeId to;
  std::string type;  // "AppendEntries"
  int64_t bytes = 0;
  int64_t sent_ns = 0;
};

class TraceVisitor {
 public:
  virtual ~TraceVisitor() = default;
  // A node (server or client) named for the first time by any line, in or out of the window.
  virtual void on_node(NodeId node) { (void)node; }
  virtual void on_send(const TraceRecord& record, const TraceMessage& message) = 0;
  // A copy reached its target (`record` is the net.deliver line, on the target).
  virtual void on_deliver(const TraceRecord& record, const TraceMessage& message) = 0;
  // A copy was dropped, at its send or on arrival (`record` is the net.drop line, on the target).
  virtual void on_drop(const TraceRecord& record, const TraceMessage& message,
                       std::string_view reason) = 0;
  virtual void on_event(const TraceRecord& record, TraceEventKind kind) = 0;
};

struct TraceWindow {
  int64_t from_ns = 0;
  std::optional<int64_t> until_ns;  // inclusive
};

struct TraceWalkSummary {
  uint64_t lines = 0;             // lines read
  uint64_t sends = 0;             // in the window
  uint64_t deliveries = 0;        // of those sends
  uint64_t drops = 0;             // of those sends
  uint64_t in_flight_at_end = 0;  // copies of those sends neither delivered nor dropped
  uint64_t unmatched = 0;         // arrivals and drops whose send was not in the window
  int64_t first_ns = 0;           // the first and last times reported to the visitor
  int64_t last_ns = 0;
};

// Reads the trace at `path` and reports its lines in the window to `visitor`, in trace order.
// Stops reading once past the window with no message of it still in flight.
// Errors: the file cannot be read, a line is not canonical (file and line), a send line without
// its `to`/`type`/`id` fields, an arrival or drop without `from`/`id`.
Result<TraceWalkSummary> walk_trace(const std::string& path, const TraceWindow& window,
                                    TraceVisitor& visitor);

}  // namespace faultline
