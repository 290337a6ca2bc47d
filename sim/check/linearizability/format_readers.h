// File: format_readers.h
// The three syntaxes a history file may have, each turned into HistoryEvents for the
// HistoryBuilder. Internal to the readers; history_reader.h is the interface.
#pragma once

#include <string_view>

#include "sim/base/result.h"
#include "sim/check/linearizability/history_builder.h"

namespace faultline::linearizability {

// `INFO  jepsen.util - <process> <type> <f> <value>` per line (the etcd logs).
Status read_jepsen_log(std::string_view text, std::string_view path, HistoryBuilder& builder);
// One Jepsen operation map ({:process 3, :type :invoke, :f :put, :key "k", :value "v", :time
// 12}) as an event; `skip` is set for a process that is not a number (the nemesis).
Status event_from_op_map(const EdnValue& map, std::string_view path, HistoryEvent& event,
                         bool& skip);
// A vector of operation maps, or one map per line.
Status read_edn_history(std::string_view text, std::string_view path, HistoryBuilder& builder);
// A JSON array of operation objects (or one object per line).
Status read_json_history(std::string_view text, std::string_view path, HistoryBuilder& builder);

}  // namespace faultline::linearizability
