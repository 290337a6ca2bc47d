// File: shrink_judge.cc
// Parse-and-run judging of shrink candidates (shrink_judge.h).
#include "tools/shrink_judge.h"

#include <fmt/format.h>
#include <utility>

#include "sim/scenario/scenario_parser.h"

namespace faultline {

std::optional<ShrinkTarget> target_of(const RunReport& report) {
  if (!report.expect_violation.empty()) {
    if (!report.passed()) {
      return std::nullopt;
    }
    return ShrinkTarget{report.verdict.check, report.verdict.kind, true};
  }
  if (report.verdict.passed()) {
    return std::nullopt;
  }
  return ShrinkTarget{report.verdict.check, report.verdict.kind, false};
}

bool reproduces(const RunReport& report, const ShrinkTarget& target) {
  if (target.negative) {
    // The candidate keeps expect_violation: passing means exactly that check fired.
    return report.passed() && report.verdict.check == target.check;
  }
  return !report.verdict.passed() && report.verdict.check == target.check &&
         report.verdict.kind == target.kind;
}

std::string describe_failure(const RunReport& report) {
  const Verdict& verdict = report.verdict;
  if (verdict.passed()) {
    return "no check fails";
  }
  return fmt::format("{} ({}) {} at {}s{}", verdict.check, verdict.kind_name(),
                     report.expect_violation.empty() ? "fails" : "fires", format_time(verdict.at),
                     verdict.node.is_none() ? "" : " on " + verdict.node.name());
}

ShrinkJudge::ShrinkJudge(ShrinkTarget target, std::string file_name, uint64_t max_runs,
                         uint64_t runs_done)
    : target_(std::move(target)),
      file_name_(std::move(file_name)),
      max_runs_(max_runs),
      runs_(runs_done) {}

std::optional<RunReport> ShrinkJudge::judge(const ShrinkTree& candidate) {
  if (exhausted()) {
    return std::nullopt;
  }
  std::string text = emit_tree(candidate.root, candidate_header());
  Result<Scenario> scenario = parse_scenario(text, file_name_);
  if (!scenario.ok()) {
    // An edit the schema forbids (a check without the clients it judges, an expectation longer
    // than its phase): costs no run.
    ++rejected_by_parser_;
    return std::nullopt;
  }
  ++runs_;
  RunReport report = run_scenario(*scenario, scenario->seed);
  if (!reproduces(report, target_)) {
    return std::nullopt;
  }
  return report;
}

Result<RunReport> ShrinkJudge::run_text(const std::string& text, const std::string& file_name) {
  Result<Scenario> scenario = parse_scenario(text, file_name);
  if (!scenario.ok()) {
    return scenario.error();
  }
  ++runs_;
  return run_scenario(*scenario, scenario->seed);
}

}  // namespace faultline
