// File: trace_diff.h
// The first place where two canonical traces (sim/base/trace.h) part: the tool for a determinism
// bug. Lines are compared byte for byte, so two traces are identical exactly when their trace
// hashes are; the first differing line is the first event where the two runs diverged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/base/result.h"

namespace faultline {

struct TraceDivergence {
  uint64_t line = 0;  // 1-based line number of the first difference (= the event's ordinal)
  // The two lines there; std::nullopt where that trace had already ended.
  std::optional<std::string> first;
  std::optional<std::string> second;
  // Up to `context_lines` lines the two traces share just before it, oldest first.
  std::vector<std::string> context;
};

// Compares the traces in files `first_path` and `second_path`; std::nullopt when identical.
// Errors: a file that cannot be opened or read (naming it).
Result<std::optional<TraceDivergence>> first_divergence(const std::string& first_path,
                                                        const std::string& second_path,
                                                        size_t context_lines = 3);

// The simulated time (ns) a canonical trace line starts with; std::nullopt when it has none.
std::optional<int64_t> trace_line_time(const std::string& line);

}  // namespace faultline
