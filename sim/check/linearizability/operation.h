// File: operation.h
// One client operation of a history as the linearizability checker sees it: who called what on
// which key, with which arguments, what came back, and when it was called and returned. The
// readers (jepsen-log, EDN, JSON) and the scenario check build these; the checker never reads a
// file. Owns the invariant that an operation's call comes no later than its return (call <= ret;
// an open return is `open_return`).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::linearizability {

// A value of the models: absent (Jepsen's nil, a register never written) or a string. Integers
// of Jepsen histories are kept as their decimal text ("3"), so equal numbers compare equal.
using Value = std::optional<std::string>;

// The functions of the three models: register (read, write, cas), kv (get, put, append), mutex
// (acquire, release).
enum class Function : uint8_t { read, write, cas, get, put, append, acquire, release };

enum class OperationStatus : uint8_t {
  // Completed: `output` holds what a read or get returned.
  ok,
  // Completed with a definite failure that still took effect as an observation: a
  // compare-and-set whose compare failed (at its linearization point the value was not `input`).
  // Only cas may end so; other failed operations never took effect and readers drop them.
  failed,
  // Unknown outcome (Jepsen :info, or never completed): it may take effect at any point after its
  // call, or never; its return is open.
  indeterminate,
};

// The return of an operation that never returned: after every other event.
inline constexpr int64_t open_return = std::numeric_limits<int64_t>::max();

struct Operation {
  int64_t process = 0;
  Function function = Function::read;
  // The object operated on; operations on different keys are independent (P-compositionality,
  // Horn and Kroening 2015). Empty for a history of one register or one mutex.
  std::string key;
  // write, put, append: the value written or appended; cas: the expected value (FROM).
  Value input;
  // cas: the new value (TO). Unused otherwise.
  Value input_to;
  // read, get: the value returned (ok only).
  Value output;
  OperationStatus status = OperationStatus::ok;
  // Real-time order: this operation precedes another when its `ret` < the other's `call`
  // (strictly: equal values are concurrent). Nanoseconds for faultline's histories, the event's
  // position in the file for histories without times. `ret` is `open_return` when indeterminate.
  int64_t call = 0;
  int64_t ret = open_return;
  // For people: the times the history recorded (ns), when it had any, and the 1-based lines of
  // the invocation and the completion in the input file (0: none, e.g. built in code).
  std::optional<int64_t> call_time_ns;
  std::optional<int64_t> return_time_ns;
  int call_line = 0;
  int return_line = 0;
};

using OperationHistory = std::vector<Operation>;

// "read", "write", "cas", "get", "put", "append", "acquire", "release".
std::string_view function_name(Function function);
std::optional<Function> parse_function(std::string_view name);
// "nil" for an absent value, otherwise the string quoted as in EDN ("\"x 0 0 y\"") unless it is
// an integer ("3") and `quote_numbers` is false (keys are always quoted).
std::string format_value(const Value& value, bool quote_numbers = false);
// One line for people: "process 3 put \"k\" \"v\" -> ok, call 1200000 ns, return 3400000 ns,
// line 7-8" (times when recorded, positions otherwise).
std::string format_operation(const Operation& operation);

}  // namespace faultline::linearizability
