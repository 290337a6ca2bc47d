// File: trace.h
// The canonical trace (DESIGN.md "Trace"): one line per event, in a fixed format, with a rolling
// 64-bit hash over the exact bytes. The hash is the determinism contract: same scenario and seed,
// same hash, on every build. Checkers observe the typed events; the text is for humans and files.
//
// Line format: "<global ns> <node> <component>.<event> key=value ..." with fields in the order the
// emitter gave them, e.g. "2000150000 n1 raft.become_leader term=3". When the run models clocks,
// an event of a server also carries that server's local time, written after the node with an '@':
// "2000150000 n1@2003150000 raft.become_leader term=3". Without modelled clocks no line has an '@',
// so traces (and their hashes) are exactly those of the format without local time.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "sim/base/node_id.h"
#include "sim/base/time.h"

namespace faultline {

// One key=value field: an integer, or a short text without spaces (quoted in the line if it has
// any). Keys and texts are views: they must outlive the record() call only.
struct TraceField {
  std::string_view key;
  int64_t number = 0;
  std::string_view text;
  bool is_text = false;

  constexpr TraceField(std::string_view field_key, int64_t value) : key(field_key), number(value) {}
  constexpr TraceField(std::string_view field_key, std::string_view value)
      : key(field_key), text(value), is_text(true) {}
  constexpr TraceField(std::string_view field_key, const char* value)
      : key(field_key), text(value), is_text(true) {}
};

// A typed trace event. At most `max_fields` fields.
struct TraceEvent {
  static constexpr size_t max_fields = 10;

  Time time;    // global simulated time, filled in by the emitter's environment
  NodeId node;  // the node (or client) it happened on; none for global events
  // The node's local clock reading at `time`, when the run models clocks (filled in, like time,
  // by the environment; only for servers).
  Time local;
  bool has_local = false;
  std::string_view component;  // "raft", "net", "node", "client", "nemesis", "phase", ...
  std::string_view name;       // "become_leader", "deliver", ...
  std::array<TraceField, max_fields> fields{TraceField{"", int64_t{0}}, TraceField{"", int64_t{0}},
                                            TraceField{"", int64_t{0}}, TraceField{"", int64_t{0}},
                                            TraceField{"", int64_t{0}}, TraceField{"", int64_t{0}},
                                            TraceField{"", int64_t{0}}, TraceField{"", int64_t{0}},
                                            TraceField{"", int64_t{0}}, TraceField{"", int64_t{0}}};
  size_t field_count = 0;

  TraceEvent() = default;
  TraceEvent(std::string_view event_component, std::string_view event_name,
             std::initializer_list<TraceField> event_fields = {});

  // The integer field named `key`; FL_CHECK fails when absent (a checker reading a field the
  // protocol does not publish is a programmer error).
  int64_t number(std::string_view key) const;
  std::string_view text(std::string_view key) const;
  bool has(std::string_view key) const;
  // Sets the node and returns the event, for one-expression construction.
  TraceEvent& with_node(NodeId event_node) {
    node = event_node;
    return *this;
  }
  bool is(std::string_view event_component, std::string_view event_name) const {
    return component == event_component && name == event_name;
  }
};

// Receives every recorded event, in order, after it has been hashed.
class TraceObserver {
 public:
  virtual ~TraceObserver() = default;
  virtual void on_trace(const TraceEvent& event) = 0;
};

// Formats, hashes, keeps the last lines, optionally writes a file, and fans events out to
// observers. Single-threaded; one per run.
class TraceSink {
 public:
  explicit TraceSink(size_t tail_capacity = 40);
  ~TraceSink();
  TraceSink(const TraceSink&) = delete;
  TraceSink& operator=(const TraceSink&) = delete;

  // Starts writing every line to `stream` (not owned; may be null to stop).
  void set_stream(std::FILE* stream) { stream_ = stream; }
  void add_observer(TraceObserver* observer) { observers_.push_back(observer); }

  void record(const TraceEvent& event);

  // FNV-1a 64 over every line written so far, each with its trailing '\n'.
  uint64_t hash() const { return hash_; }
  uint64_t event_count() const { return event_count_; }
  // The last lines recorded, oldest first (at most tail_capacity).
  std::vector<std::string> tail() const;

  // Formats one event as its canonical line (without '\n').
  static void format_line(const TraceEvent& event, fmt::memory_buffer& out);

 private:
  uint64_t hash_ = 0xcbf29ce484222325ull;
  uint64_t event_count_ = 0;
  fmt::memory_buffer line_;
  std::vector<std::string> tail_;
  size_t tail_next_ = 0;
  std::FILE* stream_ = nullptr;
  std::vector<TraceObserver*> observers_;
};

// "0123456789abcdef": a trace hash as 16 lower-case hex digits.
std::string format_hash(uint64_t hash);

}  // namespace faultline
