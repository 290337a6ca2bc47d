// File: history_file_test.cc
// The history files `faultline run --history` writes: exact EDN and JSON lines, time order with
// completions before invocations at equal times, and nil / :info / :fail where Jepsen puts them.
#include <catch2/catch.hpp>
#include <string>

#include "tools/history_file.h"

namespace faultline {
namespace {

HistoryOperation operation(uint32_t client, HistoryOperation::Kind kind, std::string key,
                           std::string value, int64_t invoked_ns, int64_t completed_ns,
                           HistoryOperation::Outcome outcome) {
  HistoryOperation result;
  result.client = NodeId::client(client);
  result.kind = kind;
  result.key = std::move(key);
  result.value = std::move(value);
  result.invoked_at = Time{invoked_ns};
  result.completed_at = Time{completed_ns};
  result.outcome = outcome;
  return result;
}

using Kind = HistoryOperation::Kind;
using Outcome = HistoryOperation::Outcome;

// c1 puts k1=c1-1 (ok), c2 reads it at the very time the put completes (ok), c3's get fails, c1's
// next put times out (:info) and c2's last get is still running when the run ends.
History sample() {
  return History{
      operation(1, Kind::put, "k1", "c1-1", 10, 50, Outcome::ok),
      operation(2, Kind::get, "k1", "c1-1", 50, 70, Outcome::ok),
      operation(3, Kind::get, "k2", "", 20, 90, Outcome::fail),
      operation(1, Kind::put, "k2", "c1-2", 60, 100, Outcome::unknown),
      operation(2, Kind::get, "k\"2", "", 80, 0, Outcome::pending),
  };
}

TEST_CASE("EDN history: one Jepsen op map per line in time order", "[history]") {
  CHECK(format_history(sample(), HistoryFormat::edn) ==
        "{:index 0, :time 10, :process 1, :type :invoke, :f :put, :key \"k1\", :value \"c1-1\"}\n"
        "{:index 1, :time 20, :process 3, :type :invoke, :f :get, :key \"k2\", :value nil}\n"
        "{:index 2, :time 50, :process 1, :type :ok, :f :put, :key \"k1\", :value \"c1-1\"}\n"
        "{:index 3, :time 50, :process 2, :type :invoke, :f :get, :key \"k1\", :value nil}\n"
        "{:index 4, :time 60, :process 1, :type :invoke, :f :put, :key \"k2\", :value \"c1-2\"}\n"
        "{:index 5, :time 70, :process 2, :type :ok, :f :get, :key \"k1\", :value \"c1-1\"}\n"
        "{:index 6, :time 80, :process 2, :type :invoke, :f :get, :key \"k\\\"2\", :value nil}\n"
        "{:index 7, :time 90, :process 3, :type :fail, :f :get, :key \"k2\", :value nil}\n"
        "{:index 8, :time 100, :process 1, :type :info, :f :put, :key \"k2\", :value \"c1-2\"}\n");
}

TEST_CASE("JSON history: the same maps in one array", "[history]") {
  History history = sample();
  history.resize(2);
  CHECK(format_history(history, HistoryFormat::json) ==
        "[{\"index\":0,\"time\":10,\"process\":1,\"type\":\"invoke\",\"f\":\"put\",\"key\":\"k1\","
        "\"value\":\"c1-1\"},\n"
        " {\"index\":1,\"time\":50,\"process\":1,\"type\":\"ok\",\"f\":\"put\",\"key\":\"k1\","
        "\"value\":\"c1-1\"},\n"
        " {\"index\":2,\"time\":50,\"process\":2,\"type\":\"invoke\",\"f\":\"get\",\"key\":\"k1\","
        "\"value\":null},\n"
        " {\"index\":3,\"time\":70,\"process\":2,\"type\":\"ok\",\"f\":\"get\",\"key\":\"k1\","
        "\"value\":\"c1-1\"}]\n");
  CHECK(format_history(History{}, HistoryFormat::json) == "[]\n");
}

TEST_CASE("the history format follows the file name", "[history]") {
  CHECK(*history_format_for_path("out/run.edn") == HistoryFormat::edn);
  CHECK(*history_format_for_path("run.json") == HistoryFormat::json);
  Result<HistoryFormat> bad = history_format_for_path("run.txt");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().to_string() ==
        "--history run.txt: the file name must end in .edn (Jepsen's EDN) or .json");
}

}  // namespace
}  // namespace faultline
