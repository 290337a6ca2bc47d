// File: summary.h
// The end of a sweep (and of `sweep merge`): totals per verdict, the failures grouped by check
// with, for the first few seeds of each, the commands that replay them, then the crashed and the
// nondeterministic seeds. Deterministic for given records (sorted by seed).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "tools/sweep/result_line.h"

namespace faultline {

// Seeds shown (with their replay commands) per check, and per list of crashes and
// nondeterministic seeds.
inline constexpr size_t summary_seeds_shown = 3;

// `faultline replay '<line>' --trace seed-N.trace`.
std::string replay_line_command(const std::string& program, const ResultRecord& record);
// `faultline run SCENARIO --seed N [--swarm] --trace failure.trace`.
std::string run_command_for(const std::string& program, const std::string& scenario, uint64_t seed,
                            bool swarm);

// Prints the summary; returns the exit status: 0 when every record passed, 1 otherwise.
int print_summary(std::FILE* out, const std::vector<ResultRecord>& records,
                  const std::string& program);

}  // namespace faultline
