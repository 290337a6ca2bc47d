// File: history_reader.h
// Reads a history file into operations: Jepsen's etcd logs (`INFO  jepsen.util - <process>
// <type> <f> <value>`), EDN (a vector of operation maps, or one map per line) and faultline's
// JSON (an array of the same objects). Invocations and completions are paired per process; a bad
// history (an unparsable line, a completion without an invocation, two invocations of one process
// in flight, a function the model does not have) is an Error with the file and the line.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/base/result.h"
#include "sim/check/linearizability/model.h"
#include "sim/check/linearizability/operation.h"

namespace faultline::linearizability {

enum class HistoryFormat : uint8_t { jepsen_log, edn, json };

// "jepsen-log", "edn", "json".
std::string_view format_name(HistoryFormat format);
std::optional<HistoryFormat> parse_format(std::string_view name);
// The format of a file from its extension (.log, .edn, .json) or, failing that (.txt, none), its
// content: a line with "jepsen.util - " is a Jepsen log; `{"` or `[{"` opens JSON; anything
// else is read as EDN.
HistoryFormat detect_format(std::string_view path, std::string_view text);

// Parses `text` (the contents of `path`, named in errors) as `format` for `model`.
Result<OperationHistory> parse_history(std::string_view text, HistoryFormat format, ModelKind model,
                                       std::string_view path);
// The whole file (at most 1 GiB), or an Error naming it.
Result<std::string> read_history_text(const std::string& path);
// Reads `path` and parses it; `format` nullopt: detect_format.
Result<OperationHistory> read_history(const std::string& path, std::optional<HistoryFormat> format,
                                      ModelKind model);

}  // namespace faultline::linearizability
