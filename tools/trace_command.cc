// File: trace_command.cc
#include "tools/trace_command.h"

#include <fmt/format.h>
#include <cerrno>
#include <cstring>
#include <optional>

#include "sim/base/time.h"
#include "tools/atomic_file.h"
#include "tools/trace_diff.h"
#include "tools/trace_export.h"

namespace faultline {
namespace {

std::string time_of(const std::optional<std::string>& line) {
  std::optional<int64_t> time = line ? trace_line_time(*line) : std::nullopt;
  return time ? format_time(Time{*time}) + "s" : "?";
}

int finish(std::FILE* out, std::FILE* err, int status) {
  if (std::fflush(out) != 0 || std::ferror(out) != 0) {
    fmt::print(err, "error: writing the report failed: {}\n", std::strerror(errno));
    return 2;
  }
  return status;
}

}  // namespace

int trace_diff_command(const std::string& first_path, const std::string& second_path,
                       std::FILE* out, std::FILE* err) {
  Result<TraceComparison> comparison = compare_traces(first_path, second_path);
  if (!comparison.ok()) {
    fmt::print(err, "error: {}\n", comparison.error().to_string());
    return 2;
  }
  if (!comparison->divergence) {
    fmt::print(out, "traces identical ({} events)\n", comparison->shared_lines);
    return finish(out, err, 0);
  }
  const TraceDivergence& divergence = *comparison->divergence;
  // The time of the first divergent event: the earlier of the two lines (a trace that ended has
  // none).
  std::string first_time = time_of(divergence.first);
  std::string second_time = time_of(divergence.second);
  std::string when = !divergence.first    ? second_time
                     : !divergence.second ? first_time
                     : first_time == second_time
                         ? first_time
                         : fmt::format("{} in A, {} in B", first_time, second_time);
  fmt::print(out, "traces differ at line {} (simulated time {}), after {} identical lines\n",
             divergence.line, when, comparison->shared_lines);
  fmt::print(out, "A: {}\nB: {}\n", printable(first_path), printable(second_path));
  if (!divergence.context.empty()) {
    fmt::print(out, "shared lines before it:\n");
    uint64_t number = divergence.line - divergence.context.size();
    for (const std::string& line : divergence.context) {
      fmt::print(out, "  {:>9}  {}\n", number++, printable(line));
    }
  }
  fmt::print(out, "A {:>9}  {}\n", divergence.line,
             divergence.first ? printable(*divergence.first) : std::string("(A ends here)"));
  fmt::print(out, "B {:>9}  {}\n", divergence.line,
             divergence.second ? printable(*divergence.second) : std::string("(B ends here)"));
  return finish(out, err, 1);
}

int trace_export_command(const TraceExportOptions& options, std::FILE* out, std::FILE* err) {
  if (options.format != "perfetto" && options.format != "html") {
    fmt::print(err, "error: --format: unknown format '{}' (perfetto or html)\n",
               printable(options.format));
    return 2;
  }
  if (options.window.until_ns && *options.window.until_ns < options.window.from_ns) {
    fmt::print(err, "error: --until is before --from\n");
    return 2;
  }
  Result<AtomicFile> file = AtomicFile::open(options.out_path, options.trace_path);
  if (!file.ok()) {
    fmt::print(err, "error: --out: {}\n", file.error().to_string());
    return 2;
  }
  Result<TraceExportSummary> summary = options.format == "perfetto"
                                           ? export_perfetto(options, file->stream())
                                           : export_html(options, file->stream());
  if (!summary.ok()) {
    fmt::print(err, "error: {}\n", summary.error().to_string());
    return 2;  // the AtomicFile is dropped: nothing is left under --out
  }
  Status committed = file->commit();
  if (committed) {
    fmt::print(err, "error: {}\n", committed->to_string());
    return 2;
  }
  const TraceWalkSummary& walk = summary->walk;
  fmt::print(out,
             "read {} lines of {}: {} nodes, {} messages sent in the window, {} deliveries, "
             "{} drops\n",
             walk.lines, printable(options.trace_path), summary->nodes, walk.sends, walk.deliveries,
             walk.drops);
  if (options.format == "perfetto") {
    fmt::print(out, "wrote {} trace events to {} (open it in https://ui.perfetto.dev)\n",
               summary->events_written, printable(options.out_path));
  } else {
    fmt::print(out, "wrote {}: {} of {} messages drawn{}\n", printable(options.out_path),
               summary->messages_drawn, walk.sends,
               summary->messages_drawn < walk.sends
                   ? fmt::format(" (the first {}; narrow the window with --from/--until)",
                                 options.max_messages)
                   : "");
  }
  return finish(out, err, 0);
}

}  // namespace faultline
