// File: check_linearizable_test.cc
// The scenario check `linearizable` over synthetic client trace events: it rebuilds the history
// (invoke / ok / fail / unknown), judges it when the run ends, and fires at the latest return of
// the operations that cannot be linearized, naming them.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/check/linearizable_checker.h"

namespace faultline {
namespace {

TraceEvent on_client(TraceEvent event, int64_t ms, uint32_t client) {
  event.time = Time{ms * 1'000'000};
  event.node = NodeId::client(client);
  return event;
}
TraceEvent invoke(int64_t ms, uint32_t client, int64_t id, const char* op, const char* value) {
  return on_client(
      TraceEvent("client", "invoke", {{"id", id}, {"op", op}, {"key", "x"}, {"value", value}}), ms,
      client);
}
TraceEvent ok(int64_t ms, uint32_t client, int64_t id, const char* value) {
  return on_client(
      TraceEvent("client", "ok", {{"id", id}, {"latency_ns", int64_t{0}}, {"value", value}}), ms,
      client);
}
TraceEvent ended(const char* outcome, int64_t ms, uint32_t client, int64_t id) {
  return on_client(TraceEvent("client", outcome, {{"id", id}}), ms, client);
}

std::string figure(const Checker& checker, const std::string& name) {
  std::vector<std::pair<std::string, std::string>> figures;
  checker.figures(figures);
  for (const auto& [key, value] : figures) {
    if (key == name) {
      return value;
    }
  }
  return "";
}

// Kleppmann's Figure 9-6 (reference-scenarios.md K-01): while c1's put of x runs, c2 reads the
// new value and then c3, after c2 returned, reads the old one.
TEST_CASE("linearizable fires on K-01's stale read after a newer read", "[check][linearizable]") {
  LinearizableChecker checker;
  for (const TraceEvent& event :
       {invoke(0, 1, 1, "put", "c1-1"), invoke(10, 2, 1, "get", ""), ok(20, 2, 1, "c1-1"),
        invoke(30, 3, 1, "get", ""), ok(40, 3, 1, ""), ok(100, 1, 1, "")}) {
    checker.observe(event);
  }
  REQUIRE_FALSE(checker.fired());  // judged only when the run ends
  checker.finish_run(Time{200'000'000});
  REQUIRE(checker.fired());
  const Violation& violation = *checker.violation();
  CHECK(violation.check == "linearizable");
  CHECK(violation.at == Time{100'000'000});  // the put's return, the latest of the three
  CHECK(violation.node == NodeId::client(1));
  CHECK(violation.message.starts_with(
      "key \"x\": these 3 operations cannot be linearized (a minimal set):"));
  CHECK(figure(checker, "linearizable.operations") == "3");
}

TEST_CASE("linearizable passes when the later read sees the write too", "[check][linearizable]") {
  LinearizableChecker checker;
  for (const TraceEvent& event :
       {invoke(0, 1, 1, "put", "c1-1"), invoke(10, 2, 1, "get", ""), ok(20, 2, 1, "c1-1"),
        invoke(30, 3, 1, "get", ""), ok(40, 3, 1, "c1-1"), ok(100, 1, 1, "")}) {
    checker.observe(event);
  }
  checker.finish_run(Time{200'000'000});
  CHECK_FALSE(checker.fired());
  CHECK(figure(checker, "linearizable.operations") == "3");
  CHECK(figure(checker, "linearizable.keys") == "1");
}

TEST_CASE("a put of unknown outcome may take effect late; a failed get constrains nothing",
          "[check][linearizable]") {
  LinearizableChecker checker;
  for (const TraceEvent& event :
       {invoke(0, 1, 1, "put", "c1-1"), ended("unknown", 50, 1, 1), invoke(60, 2, 1, "get", ""),
        ok(70, 2, 1, ""), invoke(80, 3, 1, "get", ""), ended("fail", 90, 3, 1),
        invoke(100, 2, 2, "get", ""), ok(110, 2, 2, "c1-1"), invoke(120, 3, 2, "get", "")}) {
    checker.observe(event);
  }
  checker.finish_run(Time{200'000'000});
  CHECK_FALSE(checker.fired());
  // The failed get and the get still running at the end are left out: they observed nothing.
  CHECK(figure(checker, "linearizable.operations") == "3");

  // The same put acknowledged before the first get: reading "" after it is a stale read.
  LinearizableChecker acknowledged;
  for (const TraceEvent& event : {invoke(0, 1, 1, "put", "c1-1"), ok(50, 1, 1, ""),
                                  invoke(60, 2, 1, "get", ""), ok(70, 2, 1, "")}) {
    acknowledged.observe(event);
  }
  acknowledged.finish_run(Time{200'000'000});
  REQUIRE(acknowledged.fired());
  CHECK(acknowledged.violation()->at == Time{70'000'000});
  CHECK(acknowledged.violation()->node == NodeId::client(2));
}

}  // namespace
}  // namespace faultline
