// File: trace_export.h
// `faultline trace export`: a canonical trace (sim/base/trace.h) as
//  - perfetto: Chrome trace-event JSON, which ui.perfetto.dev and chrome://tracing open: process
//    "cluster" with one thread (track) per node (servers, then clients; thread_name and
//    thread_sort_index metadata), every send and arrival a 1 ns slice on its node's track with a
//    flow arrow between them (ph "s" at the send, ph "f" "bp":"e" at the arrival), drops and the
//    protocol's events as instants on their node's track, faults and phase starts as global
//    instants (cat "fault" / "phase"). Timestamps in microseconds with ns precision.
//  - html: one self-contained page (no network, no external script or font) drawing a space-time
//    (Lamport) diagram: a lifeline per node, an arrow per delivered copy, dropped copies marked,
//    crashes (the node down until its restart), faults and protocol events, a legend, a time
//    axis, zoom and scroll by time window. It draws at most `max_messages` messages and
//    `max_events` events of each kind, and says so on the page.
// Both read the trace once, streaming; the window [from, until] keeps the lines in it (and the
// arrival of every message sent in it).
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "tools/trace_walk.h"

namespace faultline {

struct TraceExportOptions {
  std::string format;  // "perfetto" or "html"
  std::string trace_path;
  std::string out_path;
  TraceWindow window;
  uint64_t max_messages = 5000;  // html only
  uint64_t max_events = 5000;    // html only: per kind (protocol events, faults)
};

struct TraceExportSummary {
  TraceWalkSummary walk;
  uint64_t nodes = 0;
  uint64_t messages_drawn = 0;  // html: sends drawn (with their deliveries and drops)
  uint64_t events_written = 0;  // perfetto: trace events in the JSON
};

// Writes `stream` in the Chrome trace-event format. Errors: those of walk_trace, a write error.
Result<TraceExportSummary> export_perfetto(const TraceExportOptions& options, std::FILE* stream);
// Writes `stream` as the HTML page. Errors: those of walk_trace, a write error.
Result<TraceExportSummary> export_html(const TraceExportOptions& options, std::FILE* stream);

// `faultline trace export`: checks the options, writes `out_path` atomically (tools/atomic_file.h)
// and prints a summary. Exit 0, or 2 (bad input: unknown format, unreadable trace, a line that is
// not canonical, an output path that cannot be written).
int trace_export_command(const TraceExportOptions& options, std::FILE* out, std::FILE* err);

// The `<script type="application/json">` safe form of a JSON text: every '<' as \u003c, so that
// no "</script>" or "<!--" inside a string can end the element.
std::string json_for_script(const std::string& json);

}  // namespace faultline
