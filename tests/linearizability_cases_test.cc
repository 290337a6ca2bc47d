// File: linearizability_cases_test.cc
// Every labelled history of ../shared/cases/linearizability (README.md there): the ten etcd
// register logs and the kv EDN files get their published verdict; each failing case's set is
// minimal (dropping any one operation with its drop_group leaves a linearizable history) and comes
// out the same on a second run.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "sim/check/linearizability/history_reader.h"
#include "sim/check/linearizability/linearizability_checker.h"
#include "sim/check/linearizability/minimal_set.h"
#include "sim/check/linearizability/observation.h"

using namespace faultline::linearizability;

namespace {

const std::string cases_dir = FAULTLINE_SOURCE_DIR "/../shared/cases/linearizability";

OperationHistory load(const std::string& path, ModelKind model) {
  faultline::Result<OperationHistory> history = read_history(path, std::nullopt, model);
  INFO(path);
  REQUIRE(history.ok());
  return *history;
}

// The failing set fails, and without any one member (and the reads it orphans) it passes.
void check_minimal(const CheckResult& result, ModelKind model) {
  CheckOptions options;
  options.model = model;
  const std::vector<Operation>& set = result.failing_operations;
  REQUIRE_FALSE(set.empty());
  CHECK(check_history(set, options).verdict == Verdict::not_linearizable);
  std::vector<const Operation*> members;
  for (const Operation& operation : set) {
    members.push_back(&operation);
  }
  for (size_t dropped = 0; dropped < set.size(); ++dropped) {
    std::vector<bool> group = drop_group(members, dropped, has_append(members));
    OperationHistory rest;
    for (size_t index = 0; index < set.size(); ++index) {
      if (!group[index]) {
        rest.push_back(set[index]);
      }
    }
    INFO("without " << format_operation(set[dropped]));
    CHECK(check_history(rest, options).verdict == Verdict::linearizable);
  }
}

void check_case(const std::string& path, ModelKind model, Verdict expected) {
  INFO(path);
  OperationHistory history = load(path, model);
  CheckOptions options;
  options.model = model;
  CheckResult result = check_history(history, options);
  CHECK(result.verdict == expected);
  if (result.verdict == Verdict::not_linearizable) {
    CHECK(result.minimal);
    check_minimal(result, model);
    CHECK(format_result(check_history(history, options), model) == format_result(result, model));
  }
}

}  // namespace

TEST_CASE("the etcd register histories get porcupine's verdicts", "[linearizability][cases]") {
  const std::vector<std::pair<std::string, Verdict>> expected = {
      {"etcd_000.log", Verdict::not_linearizable}, {"etcd_001.log", Verdict::not_linearizable},
      {"etcd_002.log", Verdict::linearizable},     {"etcd_003.log", Verdict::not_linearizable},
      {"etcd_004.log", Verdict::not_linearizable}, {"etcd_005.log", Verdict::linearizable},
      {"etcd_006.log", Verdict::not_linearizable}, {"etcd_007.log", Verdict::linearizable},
      {"etcd_008.log", Verdict::not_linearizable}, {"etcd_009.log", Verdict::not_linearizable},
  };
  for (const auto& [name, verdict] : expected) {
    check_case(cases_dir + "/jepsen/" + name, ModelKind::cas_register, verdict);
  }
}

TEST_CASE("the kv histories get their labels", "[linearizability][cases]") {
  for (const std::string name : {"c01", "c10"}) {
    check_case(cases_dir + "/kv/" + name + "-ok.txt", ModelKind::kv, Verdict::linearizable);
    check_case(cases_dir + "/kv/" + name + "-bad.txt", ModelKind::kv, Verdict::not_linearizable);
  }
}

TEST_CASE("etcd_000: what the reader makes of the log", "[linearizability][cases]") {
  OperationHistory history = load(cases_dir + "/jepsen/etcd_000.log", ModelKind::cas_register);
  size_t failed = 0;
  size_t open = 0;
  for (const Operation& operation : history) {
    failed += operation.status == OperationStatus::failed ? 1 : 0;
    open += operation.ret == open_return ? 1 : 0;
    CHECK(operation.call_line > 0);
  }
  CHECK(failed > 0);
  CHECK(open > 0);
  CHECK(history.front().function == Function::read);
  CHECK(history.front().call_line == 1);
  CHECK(history.front().return_line == 7);
  CHECK(history.front().output == std::nullopt);
}
