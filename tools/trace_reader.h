// File: trace_reader.h
// Reads a canonical trace file (sim/base/trace.h) back into its parts, for the exporters
// (`faultline trace export`): "<ns> <node>[@<local ns>] <component>.<event> key=value ...", a
// value either bare (no space) or in double quotes. Every line must have that form; anything else
// is an operating error naming the file and the line (the file is not a trace, or is damaged).
#pragma once

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/base/node_id.h"
#include "sim/base/result.h"

namespace faultline {

// One parsed line. The views point into the line it was parsed from.
struct TraceRecord {
  struct Field {
    std::string_view key;
    std::string_view value;  // without its quotes
  };

  int64_t time_ns = 0;
  NodeId node;                      // none for "-" (an event of the whole cluster)
  std::string_view node_name;       // "n3", "c1" or "-"
  std::optional<int64_t> local_ns;  // the server's local clock, when the run models clocks
  std::string_view component;       // "net", "raft", ...
  std::string_view event;           // "send", "become_leader", ...
  std::vector<Field> fields;        // in line order

  bool is(std::string_view record_component, std::string_view record_event) const {
    return component == record_component && event == record_event;
  }
  // The value of field `key`; std::nullopt when the line has none.
  std::optional<std::string_view> text(std::string_view key) const;
  // The value of field `key` as an integer; std::nullopt when absent or not an integer.
  std::optional<int64_t> number(std::string_view key) const;
};

// Parses a node name: "-" is NodeId::none(), "n3" a server, "c2" a client; std::nullopt otherwise.
std::optional<NodeId> parse_trace_node(std::string_view name);

// Parses `line` (without its '\n') into `record`; on failure, the reason (without file or line).
std::optional<std::string> parse_trace_line(std::string_view line, TraceRecord& record);

// Reads a trace file line by line.
class TraceReader {
 public:
  // Errors: the file cannot be opened (naming it and the reason).
  static Result<TraceReader> open(const std::string& path);

  // Reads the next line into `record` (valid until the next call): true, or false at the end of
  // the file. Errors: a line that is not canonical, a read error (each naming file and line).
  Result<bool> next(TraceRecord& record);
  uint64_t line_number() const { return line_number_; }
  const std::string& path() const { return path_; }

 private:
  TraceReader(std::string path, std::ifstream stream)
      : path_(std::move(path)), stream_(std::move(stream)) {}

  std::string path_;
  std::ifstream stream_;
  std::string line_;
  uint64_t line_number_ = 0;
};

}  // namespace faultline
