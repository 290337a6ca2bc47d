// File: checker_set.cc
// Construction of the checkers from check ids, and fan-out of trace events.
#include "sim/check/checker_set.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/base/check_catalog.h"

#include "sim/check/commit_quorum.h"
#include "sim/check/election_safety.h"
#include "sim/check/leader_completeness.h"
#include "sim/check/linearizable_checker.h"
#include "sim/check/log_matching.h"
#include "sim/check/protocol_checkers.h"
#include "sim/check/state_machine_safety.h"

namespace faultline {
namespace {

std::unique_ptr<Checker> make_safety_checker(const std::string& name, uint32_t server_count) {
  if (name == ElectionSafetyChecker::check_name) {
    return std::make_unique<ElectionSafetyChecker>();
  }
  if (name == LogMatchingChecker::check_name) {
    return std::make_unique<LogMatchingChecker>();
  }
  if (name == LeaderCompletenessChecker::check_name) {
    return std::make_unique<LeaderCompletenessChecker>();
  }
  if (name == StateMachineSafetyChecker::check_name) {
    return std::make_unique<StateMachineSafetyChecker>();
  }
  if (name == CommitQuorumChecker::check_name) {
    return std::make_unique<CommitQuorumChecker>(server_count);
  }
  if (name == LinearizableChecker::check_name) {
    return std::make_unique<LinearizableChecker>();
  }
  if (std::unique_ptr<Checker> paxos = make_paxos_checker(name, server_count)) {
    return paxos;
  }
  if (std::unique_ptr<Checker> heartbeat = make_heartbeat_checker(name, server_count)) {
    return heartbeat;
  }
  return make_replication_checker(name, server_count);
}

}  // namespace

std::vector<std::string> known_safety_checks() {
  return {std::string(ElectionSafetyChecker::check_name),
          std::string(LogMatchingChecker::check_name),
          std::string(LeaderCompletenessChecker::check_name),
          std::string(StateMachineSafetyChecker::check_name),
          std::string(CommitQuorumChecker::check_name)};
}

Result<std::unique_ptr<CheckerSet>> CheckerSet::make(const std::vector<std::string>& names,
                                                     uint32_t server_count) {
  if (server_count == 0) {
    return Error::make("a cluster of 0 servers cannot be checked");
  }
  std::unique_ptr<CheckerSet> set(new CheckerSet());
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    if (std::find(names.begin(), names.begin() + i, name) != names.begin() + i) {
      return Error::make(fmt::format("check '{}' is listed twice", name));
    }
    std::unique_ptr<Checker> checker = make_safety_checker(name, server_count);
    if (!checker) {
      return Error::make(fmt::format("unknown check '{}' (known checks: {})", name,
                                     fmt::join(all_checks(), ", ")));
    }
    set->safety_.push_back(std::move(checker));
  }
  return set;
}

void CheckerSet::on_trace(const TraceEvent& event) {
  if (violation_) {
    return;
  }
  for (const std::unique_ptr<Checker>& checker : safety_) {
    checker->observe(event);
    collect(*checker);
  }
  liveness_.observe(event);
  collect(liveness_);
}

void CheckerSet::advance_to(Time now) {
  if (violation_) {
    return;
  }
  liveness_.advance_to(now);
  collect(liveness_);
}

void CheckerSet::finish_phase(Time end) {
  if (violation_) {
    return;
  }
  liveness_.finish_phase(end);
  collect(liveness_);
}

void CheckerSet::finish_run(Time end) {
  for (const std::unique_ptr<Checker>& checker : safety_) {
    if (violation_) {
      return;
    }
    checker->finish_run(end);
    collect(*checker);
  }
}

std::vector<std::pair<std::string, std::string>> CheckerSet::figures() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::unique_ptr<Checker>& checker : safety_) {
    checker->figures(out);
  }
  return out;
}

std::vector<std::string> CheckerSet::safety_check_names() const {
  std::vector<std::string> names;
  for (const std::unique_ptr<Checker>& checker : safety_) {
    names.emplace_back(checker->name());
  }
  return names;
}

void CheckerSet::collect(const Checker& checker) {
  if (violation_ || !checker.fired()) {
    return;
  }
  violation_ = *checker.violation();
  if (on_violation_) {
    on_violation_();
  }
}

}  // namespace faultline
