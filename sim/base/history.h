// File: history.h
// The client history: every operation a simulated client issued, with invocation and completion
// in simulated time and its outcome. Plain data; the linearizability checker and the history
// writers read it (Jepsen's :invoke / :ok / :fail / :info vocabulary).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/base/node_id.h"
#include "sim/base/time.h"

namespace faultline {

struct HistoryOperation {
  enum class Kind : uint8_t { get, put };
  enum class Outcome : uint8_t {
    pending,  // not completed when the run ended (indeterminate)
    ok,       // completed; for get, `value` is what was read
    unknown,  // timed out: it may or may not have taken effect (Jepsen :info)
    fail,     // definitely did not take effect (Jepsen :fail); only gets end so here
  };

  NodeId client;
  uint64_t request_id = 0;
  Kind kind = Kind::get;
  std::string key;
  std::string value;  // put: the value written; get: the value read (when ok)
  Time invoked_at;
  Time completed_at;  // meaningful unless pending
  Outcome outcome = Outcome::pending;
};

using History = std::vector<HistoryOperation>;

}  // namespace faultline
