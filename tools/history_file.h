// File: history_file.h
// Writes a run's client history (sim/base/history.h) in the forms other checkers read: Jepsen's
// EDN (Knossos, Elle) and the same operation maps as JSON (porcupine-style tools, scripts). One
// operation event per line, in simulated-time order: an invocation and, unless the operation
// was still running when the run ended, its completion (:ok, :fail, or :info when it timed out).
// Keys of each map: :index (0-based line), :time (simulated ns), :process (the client's number,
// c3 -> 3), :type, :f (:get / :put), :key, :value (nil for a get's invocation). At equal times
// completions come before invocations: in the simulation a reply that arrives at t was caused by
// work done before t. docs/linearizability.md describes the formats.
#pragma once

#include <string>
#include <string_view>

#include "sim/base/history.h"
#include "sim/base/result.h"

namespace faultline {

enum class HistoryFormat { edn, json };

// `edn` for a path ending in .edn, `json` for .json; an Error naming the path otherwise.
Result<HistoryFormat> history_format_for_path(std::string_view path);

// The whole file's text.
std::string format_history(const History& history, HistoryFormat format);

}  // namespace faultline
