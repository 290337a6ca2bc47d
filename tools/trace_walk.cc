// File: trace_walk.cc
#include "tools/trace_walk.h"

#include <fmt/format.h>
#include <set>
#include <unordered_map>

namespace faultline {
namespace {

// A message of the window with copies still to arrive or be dropped (two when duplicated).
struct PendingMessage {
  TraceMessage message;
  uint32_t copies_left = 1;
};

Error missing_field(const TraceReader& reader, const TraceRecord& record, std::string_view key) {
  return Error{fmt::format("{}.{} without its '{}' field", record.component, record.event, key),
               reader.path(), static_cast<int>(reader.line_number()), std::string(key)};
}

class Walk {
 public:
  Walk(TraceReader& reader, const TraceWindow& window, TraceVisitor& visitor)
      : reader_(reader), window_(window), visitor_(visitor) {}

  Result<TraceWalkSummary> run() {
    TraceRecord record;
    while (true) {
      Result<bool> read = reader_.next(record);
      if (!read.ok()) {
        return read.error();
      }
      if (!*read) {
        break;
      }
      ++summary_.lines;
      if (window_.until_ns && record.time_ns > *window_.until_ns && pending_.empty()) {
        break;
      }
      Status status = take(record);
      if (status) {
        return *status;
      }
    }
    for (const auto& entry : pending_) {
      summary_.in_flight_at_end += entry.second.copies_left;
    }
    return summary_;
  }

 private:
  bool in_window(int64_t time_ns) const {
    return time_ns >= window_.from_ns && (!window_.until_ns || time_ns <= *window_.until_ns);
  }

  void note_node(NodeId node) {
    if (!node.is_none() && nodes_seen_.insert(node.value).second) {
      visitor_.on_node(node);
    }
  }

  void note_time(int64_t time_ns) {
    if (!reported_any_) {
      summary_.first_ns = time_ns;
      reported_any_ = true;
    }
    summary_.last_ns = time_ns;
  }

  Result<NodeId> node_field(const TraceRecord& record, std::string_view key) {
    std::optional<std::string_view> name = record.text(key);
    if (!name) {
      return missing_field(reader_, record, key);
    }
    std::optional<NodeId> node = parse_trace_node(*name);
    if (!node || node->is_none()) {
      return Error{fmt::format("{}.{}: '{}' is not a node", record.component, record.event,
                               printable(*name)),
                   reader_.path(), static_cast<int>(reader_.line_number()), std::string(key)};
    }
    note_node(*node);
    return *node;
  }

  Result<uint64_t> id_field(const TraceRecord& record) {
    std::optional<int64_t> id = record.number("id");
    if (!id || *id < 0) {
      return missing_field(reader_, record, "id");
    }
    return static_cast<uint64_t>(*id);
  }

  Status take(const TraceRecord& record) {
    note_node(record.node);
    if (record.component == "net" &&
        (record.event == "send" || record.event == "deliver" || record.event == "drop")) {
      return take_message_line(record);
    }
    TraceEventKind kind = classify_trace_event(record.component, record.event);
    if (kind == TraceEventKind::network) {
      // net.duplicate: a second copy will arrive or be dropped.
      std::optional<int64_t> id = record.number("id");
      auto position = id ? pending_.find(static_cast<uint64_t>(*id)) : pending_.end();
      if (record.event == "duplicate" && position != pending_.end()) {
        ++position->second.copies_left;
      }
    }
    if (in_window(record.time_ns)) {
      note_time(record.time_ns);
      visitor_.on_event(record, kind);
    }
    return std::nullopt;
  }

  Status take_message_line(const TraceRecord& record) {
    Result<uint64_t> id = id_field(record);
    if (!id.ok()) {
      return id.error();
    }
    if (record.event == "send") {
      Result<NodeId> to = node_field(record, "to");
      if (!to.ok()) {
        return to.error();
      }
      std::optional<std::string_view> type = record.text("type");
      if (!type) {
        return missing_field(reader_, record, "type");
      }
      if (!in_window(record.time_ns)) {
        return std::nullopt;
      }
      TraceMessage message{
          *id,           record.node, *to, std::string(*type), record.number("bytes").value_or(0),
          record.time_ns};
      ++summary_.sends;
      note_time(record.time_ns);
      visitor_.on_send(record, message);
      pending_[*id] = PendingMessage{std::move(message), 1};
      return std::nullopt;
    }
    Result<NodeId> from = node_field(record, "from");
    if (!from.ok()) {
      return from.error();
    }
    auto position = pending_.find(*id);
    if (position == pending_.end()) {
      ++summary_.unmatched;  // sent before the window (or the trace does not start at 0)
      return std::nullopt;
    }
    note_time(record.time_ns);
    if (record.event == "deliver") {
      ++summary_.deliveries;
      visitor_.on_deliver(record, position->second.message);
    } else {
      ++summary_.drops;
      visitor_.on_drop(record, position->second.message, record.text("reason").value_or("?"));
    }
    if (--position->second.copies_left == 0) {
      pending_.erase(position);
    }
    return std::nullopt;
  }

  TraceReader& reader_;
  const TraceWindow& window_;
  TraceVisitor& visitor_;
  TraceWalkSummary summary_;
  bool reported_any_ = false;
  std::set<uint32_t> nodes_seen_;
  // Looked up by id only; its order never reaches the output (only a sum is taken over it).
  std::unordered_map<uint64_t, PendingMessage> pending_;
};

}  // namespace

TraceEventKind classify_trace_event(std::string_view component, std::string_view event) {
  if (component == "nemesis" || component == "node" || component == "clock" ||
      component == "disk") {
    return TraceEventKind::fault;
  }
  if (component == "net") {
    if (event == "partition" || event == "heal" || event == "clog" || event == "clog_end") {
      return TraceEventKind::fault;
    }
    return TraceEventKind::network;
  }
  if (component == "phase") {
    return TraceEventKind::phase;
  }
  return TraceEventKind::protocol;
}

Result<TraceWalkSummary> walk_trace(const std::string& path, const TraceWindow& window,
                                    TraceVisitor& visitor) {
  Result<TraceReader> reader = TraceReader::open(path);
  if (!reader.ok()) {
    return reader.error();
  }
  Walk walk(*reader, window, visitor);
  return walk.run();
}

}  // namespace faultline
