// File: shrink_judge.h
// Judges a `faultline shrink` candidate the only way that counts: its YAML text goes through the
// normal scenario parser and the run (sim/runner/runner.h) with the seed written in it, exactly
// as `faultline run FILE` would. Owns the definition of "fails the same way" (same check, same
// kind of verdict; for a negative scenario, its expected check fires) and the run budget.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/runner/runner.h"
#include "tools/shrink_tree.h"

namespace faultline {

// What a candidate must reproduce.
struct ShrinkTarget {
  std::string check;                         // the check that fails (or, negative, fires)
  Verdict::Kind kind = Verdict::Kind::pass;  // its kind of verdict
  bool negative = false;                     // the scenario has expect_violation
};

// The target of the input's run, or nullopt when that run does not fail (for a negative
// scenario: when its expected check does not fire).
std::optional<ShrinkTarget> target_of(const RunReport& report);
bool reproduces(const RunReport& report, const ShrinkTarget& target);
// "raft.leader_completeness fires at 1.570772237s on n2".
std::string describe_failure(const RunReport& report);

class ShrinkJudge {
 public:
  // `file_name` names the candidates in the parser's messages (the input's path); `max_runs`
  // counts every run, `runs_done` those already made (the input's).
  ShrinkJudge(ShrinkTarget target, std::string file_name, uint64_t max_runs, uint64_t runs_done);

  // The run of the candidate's text when it parses and fails like the target, else nullopt.
  // Runs nothing once the budget is spent (check exhausted()).
  std::optional<RunReport> judge(const ShrinkTree& candidate);
  // Parses and runs `text`, whatever the budget (the final check): the report, or the parser's
  // error.
  Result<RunReport> run_text(const std::string& text, const std::string& file_name);

  const ShrinkTarget& target() const { return target_; }
  // True when only the run kept for the final check is left.
  bool exhausted() const { return runs_ + 1 >= max_runs_; }
  uint64_t runs() const { return runs_; }
  uint64_t max_runs() const { return max_runs_; }
  uint64_t rejected_by_parser() const { return rejected_by_parser_; }

 private:
  ShrinkTarget target_;
  std::string file_name_;
  uint64_t max_runs_ = 0;
  uint64_t runs_ = 0;
  uint64_t rejected_by_parser_ = 0;
};

}  // namespace faultline
