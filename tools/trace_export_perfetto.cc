// File: trace_export_perfetto.cc
// The Chrome trace-event JSON of a canonical trace (trace_export.h), written as it is read: one
// event object at a time (nlohmann-json for each), the track metadata last.
#include <fmt/format.h>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>

#include "tools/trace_export.h"

namespace faultline {
namespace {

using Json = nlohmann::ordered_json;

constexpr int process_id = 1;

// Trace-event timestamps are microseconds. ns / 1000 is the double nearest the exact decimal, and
// any decimal of at most 15 significant digits survives the shortest round-trip printing that
// nlohmann-json uses, so times print exactly, to the ns, below 10^15 ns (11 days).
double micros(int64_t ns) {
  return static_cast<double>(ns) / 1000.0;
}

// The thread id of a node's track: its NodeId value (servers 1..N, then clients).
int64_t track_of(NodeId node) {
  return static_cast<int64_t>(node.value);
}

// A field's value: an integer when it reads as one, else its text.
Json field_value(std::string_view value) {
  int64_t number = 0;
  const char* end = value.data() + value.size();
  auto [next, error] = std::from_chars(value.data(), end, number);
  if (!value.empty() && error == std::errc{} && next == end) {
    return number;
  }
  return std::string(value);
}

Json record_args(const TraceRecord& record) {
  Json args = Json::object();
  if (record.local_ns) {
    args["local_ns"] = *record.local_ns;
  }
  for (const TraceRecord::Field& field : record.fields) {
    args[std::string(field.key)] = field_value(field.value);
  }
  return args;
}

std::string event_name(const TraceRecord& record) {
  return fmt::format("{}.{}", record.component, record.event);
}

class PerfettoWriter : public TraceVisitor {
 public:
  explicit PerfettoWriter(std::FILE* stream) : stream_(stream) {
    std::fputs("{\"traceEvents\":[\n", stream_);
  }

  void on_node(NodeId node) override { nodes_.insert(node.value); }

  void on_send(const TraceRecord& record, const TraceMessage& message) override {
    Json args = record_args(record);
    write(slice(message.from, record.time_ns, "send " + message.type, std::move(args)));
  }

  void on_deliver(const TraceRecord& record, const TraceMessage& message) override {
    Json args = record_args(record);
    args["type"] = message.type;
    args["sent_ns"] = message.sent_ns;
    write(slice(message.to, record.time_ns, "receive " + message.type, std::move(args)));
    uint64_t flow = next_flow_id_++;
    Json start{{"ph", "s"},
               {"id", flow},
               {"name", message.type},
               {"cat", "message"},
               {"pid", process_id},
               {"tid", track_of(message.from)},
               {"ts", micros(message.sent_ns)}};
    write(start);
    Json finish{{"ph", "f"},
                {"bp", "e"},
                {"id", flow},
                {"name", message.type},
                {"cat", "message"},
                {"pid", process_id},
                {"tid", track_of(message.to)},
                {"ts", micros(record.time_ns)}};
    write(finish);
  }

  void on_drop(const TraceRecord& record, const TraceMessage& message,
               std::string_view reason) override {
    Json args = record_args(record);
    args["type"] = message.type;
    args["sent_ns"] = message.sent_ns;
    write(Json{{"ph", "i"},
               {"s", "t"},
               {"name", fmt::format("drop {} ({})", message.type, reason)},
               {"cat", "drop"},
               {"pid", process_id},
               {"tid", track_of(record.node)},
               {"ts", micros(record.time_ns)},
               {"args", std::move(args)}});
  }

  void on_event(const TraceRecord& record, TraceEventKind kind) override {
    bool global =
        record.node.is_none() || kind == TraceEventKind::fault || kind == TraceEventKind::phase;
    std::string name = event_name(record);
    if (kind == TraceEventKind::phase && record.text("name")) {
      name.append(" ").append(*record.text("name"));
    }
    if (!record.node.is_none() && global) {
      name.append(" ").append(record.node_name);
    }
    std::string_view category = kind == TraceEventKind::fault     ? "fault"
                                : kind == TraceEventKind::phase   ? "phase"
                                : kind == TraceEventKind::network ? "net"
                                                                  : record.component;
    Json event{{"ph", "i"},
               {"s", global ? "g" : "t"},
               {"name", name},
               {"cat", category},
               {"pid", process_id}};
    if (!global) {
      event["tid"] = track_of(record.node);
    }
    event["ts"] = micros(record.time_ns);
    Json args = record_args(record);
    if (!record.node.is_none()) {
      args["node"] = std::string(record.node_name);
    }
    event["args"] = std::move(args);
    write(event);
  }

  // The metadata (process and track names, track order) and the end of the document.
  void finish() {
    write(Json{{"ph", "M"},
               {"name", "process_name"},
               {"pid", process_id},
               {"args", {{"name", "cluster"}}}});
    int64_t sort_index = 0;
    for (uint32_t value : nodes_) {
      NodeId node{value};
      write(Json{{"ph", "M"},
                 {"name", "thread_name"},
                 {"pid", process_id},
                 {"tid", track_of(node)},
                 {"args", {{"name", node.name()}}}});
      write(Json{{"ph", "M"},
                 {"name", "thread_sort_index"},
                 {"pid", process_id},
                 {"tid", track_of(node)},
                 {"args", {{"sort_index", sort_index++}}}});
    }
    // No displayTimeUnit: `ts` is microseconds by the format's definition, and Perfetto's reading
    // of displayTimeUnit has changed between versions (google/perfetto#274).
    std::fputs("\n]}\n", stream_);
  }

  uint64_t events_written() const { return events_written_; }
  uint64_t nodes() const { return nodes_.size(); }

 private:
  // A 1 ns slice for a flow arrow to bind to: Perfetto attaches a flow event to the slice
  // enclosing it on its track, Chrome's viewers to the slice of the same cat, pid, tid and ts, so
  // slices and flows share cat "message". 1 ns keeps the slices of one track from overlapping
  // unless they start together, and then they nest.
  static Json slice(NodeId node, int64_t time_ns, std::string name, Json args) {
    return Json{{"ph", "X"},         {"name", std::move(name)}, {"cat", "message"},
                {"pid", process_id}, {"tid", track_of(node)},   {"ts", micros(time_ns)},
                {"dur", micros(1)},  {"args", std::move(args)}};
  }

  void write(const Json& event) {
    if (events_written_ != 0) {
      std::fputs(",\n", stream_);
    }
    // Invalid UTF-8 in a trace text is replaced rather than fatal.
    std::string text = event.dump(-1, ' ', false, Json::error_handler_t::replace);
    std::fwrite(text.data(), 1, text.size(), stream_);
    ++events_written_;
  }

  std::FILE* stream_;
  std::set<uint32_t> nodes_;  // NodeId values: servers, then clients, each by number
  uint64_t next_flow_id_ = 1;
  uint64_t events_written_ = 0;
};

}  // namespace

Result<TraceExportSummary> export_perfetto(const TraceExportOptions& options, std::FILE* stream) {
  PerfettoWriter writer(stream);
  Result<TraceWalkSummary> walk = walk_trace(options.trace_path, options.window, writer);
  if (!walk.ok()) {
    return walk.error();
  }
  writer.finish();
  if (std::ferror(stream) != 0) {
    return Error{std::string("cannot write: ") + std::strerror(errno), options.out_path, 0, ""};
  }
  TraceExportSummary summary;
  summary.walk = *walk;
  summary.nodes = writer.nodes();
  summary.events_written = writer.events_written();
  return summary;
}

}  // namespace faultline
