// File: history_builder.h
// Pairs the events of a history file (Jepsen's :invoke, then :ok, :fail or :info from the same
// process) into operations, whatever the file's syntax. Owns the rules of what a completion
// means: :ok took effect; :fail never took effect (dropped), except a compare-and-set in a Jepsen
// log, whose compare definitely failed; :info and a missing completion are indeterminate; a read
// whose outcome is unknown constrains nothing (dropped). Bad sequences are errors with the line.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "sim/base/result.h"
#include "sim/check/linearizability/edn.h"
#include "sim/check/linearizability/model.h"
#include "sim/check/linearizability/operation.h"

namespace faultline::linearizability {

// One line of a history: an invocation or a completion.
struct HistoryEvent {
  enum class Type : uint8_t { invoke, ok, fail, info };

  int64_t process = 0;
  Type type = Type::invoke;
  std::string function;  // as written (":read" without the colon)
  std::optional<std::string> key;
  EdnValue value;  // Jepsen's :value, in EDN terms (the JSON reader converts)
  std::optional<int64_t> time_ns;
  int line = 0;
};

std::optional<HistoryEvent::Type> parse_event_type(std::string_view name);

class HistoryBuilder {
 public:
  // `failed_cas_is_definite`: a :fail cas is a compare that failed (Jepsen logs, as porcupine and
  // the cases' README read them) rather than an operation that never took effect (EDN, JSON).
  HistoryBuilder(ModelKind model, std::string_view path, bool failed_cas_is_definite);

  // Adds the next event, in file order. Errors (with the line): a function the model lacks, a
  // :time before the previous event's, a completion without an invocation or of another function
  // or key, a second invocation in flight, a written value missing or differing between lines.
  Status add(const HistoryEvent& event);
  // Client events added so far (nemesis lines are never added).
  int64_t events() const { return events_; }
  // The operations, in invocation order; invocations never completed are indeterminate.
  OperationHistory finish() &&;

 private:
  struct Pending {
    size_t operation;  // index in operations_
    std::string function;
  };

  Error error_at(int line, std::string message) const;
  Status invoke(const HistoryEvent& event, Function function);
  Status complete(const HistoryEvent& event, Function function);
  Status set_arguments(Operation& operation, const EdnValue& value, int line) const;

  ModelKind model_;
  std::string path_;
  bool failed_cas_is_definite_;
  int64_t position_ = 0;  // events seen: the real-time order
  int64_t events_ = 0;
  std::optional<int64_t> last_time_ns_;
  OperationHistory operations_;
  std::vector<bool> dropped_;
  std::map<int64_t, Pending> in_flight_;  // by process
};

// An EDN scalar as a model value: nil is absent, integers and strings their text, keywords
// ":name". nullopt for collections.
std::optional<Value> edn_to_value(const EdnValue& value);

}  // namespace faultline::linearizability
