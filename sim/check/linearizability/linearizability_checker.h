// File: linearizability_checker.h
// The public API of the linearizability checker: give it a history (operations with call and
// return), a model and limits; it answers linearizable, not linearizable (with the key and a
// minimal set of operations that cannot be linearized), or unknown when the search hit its limit.
// The search is Wing and Gong's (1993) with Lowe's memoization of (linearized set, model state)
// (Lowe, "Testing for linearizability", 2017), run separately per key (P-compositionality, Horn
// and Kroening 2015). Deterministic: the same history and options give the same result, byte for
// byte, on every run and compiler.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/check/linearizability/model.h"
#include "sim/check/linearizability/operation.h"

namespace faultline::linearizability {

struct CheckOptions {
  ModelKind model = ModelKind::kv;
  // The state of every key before the history; nullopt: the model's default (Model).
  std::optional<Value> initial;
  // The most search states (linearization steps tried) over the whole check, shrinking excluded;
  // beyond it the verdict is `unknown` (STYLE.md 7).
  uint64_t max_states = 20'000'000;
  // The most memory one key's memo may hold (about 40 to 200 bytes a state, growing with the
  // key's operations); beyond it the verdict is `unknown` too.
  uint64_t max_memo_bytes = uint64_t{1} << 30;
  // The most search states spent on shrinking a failing key to a minimal set; beyond it the set
  // is reported as found so far, marked not minimal.
  uint64_t max_shrink_states = 20'000'000;
};

enum class Verdict : uint8_t { linearizable, not_linearizable, unknown };

// The cost of a check, for people (and the benchmark).
struct CheckFigures {
  uint64_t operations = 0;       // operations checked (after dropping those that constrain nothing)
  uint64_t partitions = 0;       // keys
  uint64_t states_explored = 0;  // linearization steps tried, shrinking excluded
  uint64_t memo_entries = 0;     // (linearized set, state) pairs remembered, summed over keys
  uint64_t memo_peak_bytes = 0;  // the largest memo of one key, approximately
  uint64_t shrink_states = 0;    // steps spent shrinking to the minimal set
};

struct CheckResult {
  Verdict verdict = Verdict::linearizable;
  // not_linearizable: the key whose history cannot be linearized (the first such in key order),
  // and a small set of its operations that cannot be linearized, ordered by call. Minimal:
  // dropping any one of them (with the reads and compares that observed a value only it wrote in
  // the set: drop_group in minimal_set.h) leaves a linearizable history, unless `minimal` is false
  // (the shrink budget ran out first).
  std::string key;
  std::vector<Operation> failing_operations;
  bool minimal = true;
  // unknown: which key hit the limit.
  std::string unknown_reason;
  CheckFigures figures;
};

// Checks `history` against the model of `options`. Operations whose function the model does not
// accept are a programmer error here (the readers report them as bad input).
CheckResult check_history(const OperationHistory& history, const CheckOptions& options);

// The verdict for people, several lines ending in '\n':
//   verdict: linearizable | NOT linearizable | unknown (limit reached)
//   key: "k3"          (not linearizable)
//   one line per operation of the minimal set (format_operation)
//   figures: operations=... partitions=... states=... memo_entries=... memo_peak_bytes=...
std::string format_result(const CheckResult& result, ModelKind model);

// "linearizable", "not linearizable", "unknown".
std::string_view verdict_name(Verdict verdict);

}  // namespace faultline::linearizability
