// File: raft_event.cc
// Decoding of the Raft and node-lifecycle events (see raft_event.h for the event table).
#include "sim/check/raft_event.h"

#include <string_view>

#include "sim/base/check.h"

namespace faultline {
namespace {

RaftEventKind raft_kind(std::string_view name) {
  if (name == "log_append") {
    return RaftEventKind::log_append;
  }
  if (name == "commit") {
    return RaftEventKind::commit;
  }
  if (name == "apply") {
    return RaftEventKind::apply;
  }
  if (name == "log_truncate") {
    return RaftEventKind::log_truncate;
  }
  if (name == "become_follower") {
    return RaftEventKind::become_follower;
  }
  if (name == "become_candidate") {
    return RaftEventKind::become_candidate;
  }
  if (name == "become_leader") {
    return RaftEventKind::become_leader;
  }
  if (name == "recover") {
    return RaftEventKind::recover;
  }
  return RaftEventKind::other;
}

RaftEventKind node_kind(std::string_view name) {
  if (name == "crash") {
    return RaftEventKind::crash;
  }
  if (name == "restart") {
    return RaftEventKind::restart;
  }
  return RaftEventKind::other;
}

void decode_fields(const TraceEvent& event, RaftEvent& decoded) {
  switch (decoded.kind) {
    case RaftEventKind::become_follower:
    case RaftEventKind::become_candidate:
    case RaftEventKind::become_leader:
      decoded.term = event.number("term");
      break;
    case RaftEventKind::recover:
      decoded.term = event.number("term");
      decoded.log_length = event.number("log_length");
      break;
    case RaftEventKind::log_append:
    case RaftEventKind::apply:
      decoded.index = event.number("index");
      decoded.term = event.number("term");
      decoded.digest = digest_field(event);
      break;
    case RaftEventKind::log_truncate:
      decoded.index = event.number("from");
      break;
    case RaftEventKind::commit:
      decoded.index = event.number("index");
      decoded.term = event.number("term");
      break;
    case RaftEventKind::other:
    case RaftEventKind::crash:
    case RaftEventKind::restart:
      break;
  }
}

}  // namespace

int64_t digest_field(const TraceEvent& event) {
  for (size_t i = 0; i < event.field_count; ++i) {
    const TraceField& field = event.fields[i];
    if (field.key != "digest") {
      continue;
    }
    if (!field.is_text) {
      return field.number;
    }
    uint64_t hash = 0xcbf29ce484222325ull;
    for (char c : field.text) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 0x100000001b3ull;
    }
    return static_cast<int64_t>(hash);
  }
  FL_CHECK(false, "trace event {}.{} has no field 'digest'", event.component, event.name);
  return 0;
}

RaftEvent decode_raft_event(const TraceEvent& event) {
  RaftEvent decoded;
  if (event.component == "raft") {
    decoded.kind = raft_kind(event.name);
  } else if (event.component == "node") {
    decoded.kind = node_kind(event.name);
  }
  if (decoded.kind == RaftEventKind::other) {
    return decoded;
  }
  FL_CHECK(event.node.is_server(), "{}.{} traced on {}, not on a server", event.component,
           event.name, event.node.name());
  decoded.time = event.time;
  decoded.node = event.node;
  decode_fields(event, decoded);
  return decoded;
}

}  // namespace faultline
