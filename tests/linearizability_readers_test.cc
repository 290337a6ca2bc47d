// File: linearizability_readers_test.cc
// The history readers: Jepsen logs, EDN (a vector, or a map per line), faultline's JSON, format
// detection, the meaning of :fail and :info, and bad histories reported with the file and the
// exact line. The JSON writer reads back to the same operations.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "sim/check/linearizability/edn.h"
#include "sim/check/linearizability/history_generator.h"
#include "sim/check/linearizability/history_json_writer.h"
#include "sim/check/linearizability/history_reader.h"
#include "sim/check/linearizability/linearizability_checker.h"

using namespace faultline::linearizability;

namespace {

OperationHistory parse_ok(std::string_view text, HistoryFormat format, ModelKind model) {
  faultline::Result<OperationHistory> history = parse_history(text, format, model, "h");
  if (!history.ok()) {
    FAIL(history.error().to_string());
  }
  return *history;
}

// "h:LINE: message" of a history that must not parse.
std::string error_of(std::string_view text, HistoryFormat format, ModelKind model) {
  faultline::Result<OperationHistory> history = parse_history(text, format, model, "h");
  REQUIRE_FALSE(history.ok());
  return history.error().to_string();
}

}  // namespace

TEST_CASE("jepsen-log: invocations pair with completions per process",
          "[linearizability][reader]") {
  OperationHistory history = parse_ok(
      "INFO  jepsen.util - 0\t:invoke\t:write\t1\n"
      "INFO  jepsen.util - 1\t:invoke\t:cas\t[1 2]\n"
      "INFO  jepsen.util - 0\t:ok\t:write\t1\n"
      "\n"
      "INFO  jepsen.util - 2\t:invoke\t:read\tnil\n"
      "INFO  jepsen.util - :nemesis\t:info\t:start\tnil\n"
      "INFO  jepsen.util - 1\t:fail\t:cas\t[1 2]\n"
      "INFO  jepsen.util - 2\t:fail\t:read\t:timed-out\n"
      "INFO  jepsen.util - 3   :invoke :write  4\n"
      "INFO  jepsen.util - 3   :info   :write  :timed-out\n"
      "INFO  jepsen.util - 4\t:invoke\t:cas\t[4 0]\n",
      HistoryFormat::jepsen_log, ModelKind::cas_register);
  REQUIRE(history.size() == 4);  // the timed-out read constrains nothing
  CHECK(history[0].function == Function::write);
  CHECK(history[0].input == Value{"1"});
  CHECK(history[0].call_line == 1);
  CHECK(history[0].return_line == 3);
  CHECK(history[0].call < history[0].ret);
  // A failed cas in a Jepsen log is a compare that definitely failed.
  CHECK(history[1].status == OperationStatus::failed);
  CHECK(history[1].input == Value{"1"});
  CHECK(history[1].input_to == Value{"2"});
  CHECK(history[1].return_line == 7);
  // :info and a missing completion: open to the end.
  CHECK(history[2].status == OperationStatus::indeterminate);
  CHECK(history[2].ret == open_return);
  CHECK(history[2].return_line == 10);
  CHECK(history[3].status == OperationStatus::indeterminate);
  CHECK(history[3].call_line == 11);
  CHECK(history[3].return_line == 0);
}

TEST_CASE("jepsen-log: bad lines name the file and the line", "[linearizability][reader]") {
  const std::string good = "INFO  jepsen.util - 0\t:invoke\t:read\tnil\n";
  CHECK(error_of(good + "garbage here\n", HistoryFormat::jepsen_log, ModelKind::cas_register) ==
        "h:2: not a Jepsen log line (`INFO  jepsen.util - <process> <type> <f> <value>`)");
  CHECK(error_of(good + "INFO  jepsen.util - 0\t:invoke\t:read\tnil\n", HistoryFormat::jepsen_log,
                 ModelKind::cas_register) ==
        "h:2: process 0 invokes :read while its :read invoked on line 1 is still in flight");
  CHECK(error_of(good + "INFO  jepsen.util - 1\t:ok\t:read\t3\n", HistoryFormat::jepsen_log,
                 ModelKind::cas_register) ==
        "h:2: process 1 completes :read without an invocation");
  CHECK(error_of(good + "INFO  jepsen.util - 0\t:ok\t:write\t3\n", HistoryFormat::jepsen_log,
                 ModelKind::cas_register) ==
        "h:2: process 0 completes :write but invoked :read on line 1");
  CHECK(error_of(good, HistoryFormat::jepsen_log, ModelKind::kv) ==
        "h:1: :read is not an operation of the kv model (it has :get, :put, :append)");
  CHECK(error_of(good + "INFO  jepsen.util - 1\t:invoke\t:cas\t3\n", HistoryFormat::jepsen_log,
                 ModelKind::cas_register) == "h:2: :cas needs [FROM TO], not 3");
  CHECK(error_of(good + "INFO  jepsen.util - 1\t:begin\t:read\tnil\n", HistoryFormat::jepsen_log,
                 ModelKind::cas_register) ==
        "h:2: unknown type ':begin' (expected :invoke, :ok, :fail or :info)");
  CHECK(error_of(good + "INFO  jepsen.util - 1\t:invoke\t:write\t[1\n", HistoryFormat::jepsen_log,
                 ModelKind::cas_register)
            .rfind("h:2: bad value '[1': ", 0) == 0);
}

TEST_CASE("edn: a vector of maps, or a map per line", "[linearizability][reader]") {
  const std::string per_line =
      "{:process 0, :type :invoke, :f :put, :key \"k\", :value \"x 0 0 y\", :time 100}\n"
      "{:process 0, :type :ok, :f :put, :key \"k\", :value \"x 0 0 y\", :time 250}\n"
      "; a comment\n"
      "{:process 1, :type :invoke, :f :get, :key \"k\", :value nil}\n"
      "{:process :nemesis, :type :info, :f :start, :value nil}\n"
      "{:process 1, :type :ok, :f :get, :key \"k\", :value \"x 0 0 y\"}\n"
      "{:process 2, :type :invoke, :f :get, :key \"k\", :value nil}\n"
      "{:process 2, :type :fail, :f :get, :key \"k\", :value nil}\n"
      "{:process 3, :type :invoke, :f :append, :key \"k\", :value \"z\"}\n"
      "{:process 3, :type :info, :f :append, :key \"k\", :value \"z\"}\n";
  OperationHistory history = parse_ok(per_line, HistoryFormat::edn, ModelKind::kv);
  REQUIRE(history.size() == 3);  // the failed get never took effect
  CHECK(history[0].key == "k");
  CHECK(history[0].input == Value{"x 0 0 y"});
  CHECK(history[0].call_time_ns == 100);
  CHECK(history[0].return_time_ns == 250);
  CHECK(history[1].output == Value{"x 0 0 y"});
  CHECK(history[1].call_line == 4);
  CHECK(history[1].return_line == 6);
  CHECK(history[2].status == OperationStatus::indeterminate);
  CHECK(check_history(history, CheckOptions{}).verdict == Verdict::linearizable);

  OperationHistory vector = parse_ok(
      "[{:process 0 :type :invoke :f :write :value 3}\n"
      " {:process 0 :type :ok :f :write :value 3}\n"
      " {:process 1 :type :invoke :f :cas :value [3 4]}\n"
      " {:process 1 :type :fail :f :cas :value [3 4]}]\n",
      HistoryFormat::edn, ModelKind::cas_register);
  // In EDN a failed operation never took effect, cas included (Jepsen's meaning).
  REQUIRE(vector.size() == 1);
  CHECK(vector[0].return_line == 2);
}

TEST_CASE("edn: bad histories name the line", "[linearizability][reader]") {
  CHECK(error_of("{:process 0, :type :invoke, :f :get, :key \"k\"}\n{:process 0, :type :ok\n",
                 HistoryFormat::edn,
                 ModelKind::kv) == "h:2: missing '}': the collection opened here is not closed");
  CHECK(error_of("{:process 0, :type :invoke, :f :get}\n{:process 0, :f :get}\n",
                 HistoryFormat::edn,
                 ModelKind::kv) == "h:2: an operation needs :process, :type and :f");
  CHECK(error_of("{:process 0, :type :invoke, :f :get}\n\n{:process 0, :type :ok, :f :get, "
                 ":value \"unterminated}\n",
                 HistoryFormat::edn, ModelKind::kv) == "h:3: unterminated string");
  CHECK(error_of("{:process 0 :type :invoke :f :lock}", HistoryFormat::edn, ModelKind::mutex) ==
        "h:1: :lock is not an operation of the mutex model (it has :acquire, :release)");
  CHECK(error_of("[{:process 0 :type :invoke :f :get}] 3", HistoryFormat::edn, ModelKind::kv) ==
        "h:1: text after the history's vector");
  CHECK(error_of("{:process 0 :type :ok :f :get :value 1}", HistoryFormat::edn, ModelKind::kv) ==
        "h:1: process 0 completes :get without an invocation");
  CHECK(error_of(std::string(100, '['), HistoryFormat::edn, ModelKind::kv) ==
        "h:1: nested deeper than 64 levels");
}

TEST_CASE("edn: the reader's values", "[linearizability][reader]") {
  EdnReader reader("{:a [1 -2 \"s\\\"q\" nil true], :b :kw} sym 12N");
  faultline::Result<EdnValue> map = reader.next();
  REQUIRE(map.ok());
  CHECK(edn_text(*map) == "{:a [1 -2 \"s\\\"q\" nil true] :b :kw}");
  REQUIRE(map->find("a") != nullptr);
  CHECK(map->find("a")->items[1].kind == EdnValue::Kind::integer);
  CHECK(reader.next()->kind == EdnValue::Kind::symbol);
  CHECK(reader.next()->kind == EdnValue::Kind::number);
  CHECK(reader.at_end());
}

TEST_CASE("json: faultline's history format", "[linearizability][reader]") {
  const std::string text =
      "[{\"index\":0,\"time\":1200000,\"process\":3,\"type\":\"invoke\",\"f\":\"put\","
      "\"key\":\"k3\",\"value\":\"c3-7\"},\n"
      " {\"index\":1,\"time\":3400000,\"process\":3,\"type\":\"ok\",\"f\":\"put\",\"key\":\"k3\","
      "\"value\":\"c3-7\"},\n"
      " {\"index\":2,\"time\":3500000,\"process\":1,\"type\":\"invoke\",\"f\":\"get\","
      "\"key\":\"k3\",\"value\":null},\n"
      " {\"index\":3,\"time\":5000000,\"process\":1,\"type\":\"ok\",\"f\":\"get\",\"key\":\"k3\","
      "\"value\":\"c3-7\"}]\n";
  OperationHistory history = parse_ok(text, HistoryFormat::json, ModelKind::kv);
  REQUIRE(history.size() == 2);
  CHECK(history[1].output == Value{"c3-7"});
  CHECK(history[1].call_line == 3);
  CHECK(history[1].return_line == 4);
  CHECK(history[1].call_time_ns == 3500000);
  CHECK(detect_format("run.txt", text) == HistoryFormat::json);
  // A JSON syntax error names its line.
  std::string broken = text;
  broken.replace(broken.find("\"ok\",\"f\":\"get\""), 5, "\"ok\" ");
  CHECK(error_of(broken, HistoryFormat::json, ModelKind::kv).rfind("h:4: bad JSON: ", 0) == 0);
  CHECK(error_of("{\"process\":1,\"type\":\"invoke\",\"f\":\"get\"}\n"
                 "{\"process\":1,\"type\":\"invoke\",\"f\":\"get\"}\n",
                 HistoryFormat::json, ModelKind::kv) ==
        "h:2: process 1 invokes :get while its :get invoked on line 1 is still in flight");
  CHECK(error_of("{\"a\": 1}", HistoryFormat::json, ModelKind::kv) ==
        "h:1: an operation needs :process, :type and :f");
}

TEST_CASE("format detection by extension, then content", "[linearizability][reader]") {
  CHECK(detect_format("a.log", "") == HistoryFormat::jepsen_log);
  CHECK(detect_format("a.edn", "") == HistoryFormat::edn);
  CHECK(detect_format("a.json", "") == HistoryFormat::json);
  CHECK(detect_format("a.txt", "INFO  jepsen.util - 0 :invoke :read nil\n") ==
        HistoryFormat::jepsen_log);
  CHECK(detect_format("a.txt", "{:process 0, :type :invoke}") == HistoryFormat::edn);
  CHECK(detect_format("a", " [ {\"process\": 0}]") == HistoryFormat::json);
  CHECK(detect_format("a", "[{:process 0}]") == HistoryFormat::edn);
  CHECK(parse_format("jepsen-log") == HistoryFormat::jepsen_log);
  CHECK_FALSE(parse_format("yaml").has_value());
}

TEST_CASE("the JSON writer reads back to the same operations", "[linearizability][reader]") {
  GeneratorConfig config;
  config.operations = 300;
  config.clients = 8;
  config.keys = 2;
  OperationHistory generated = generate_kv_history(config);
  std::string text = write_json_history(generated);
  CHECK(text.rfind("[{\"index\":0,\"time\":", 0) == 0);
  OperationHistory read_back = parse_ok(text, HistoryFormat::json, ModelKind::kv);
  REQUIRE(read_back.size() == generated.size());
  for (size_t index = 0; index < generated.size(); ++index) {
    CHECK(read_back[index].process == generated[index].process);
    CHECK(read_back[index].function == generated[index].function);
    CHECK(read_back[index].key == generated[index].key);
    CHECK(read_back[index].input == generated[index].input);
    CHECK(read_back[index].output == generated[index].output);
    CHECK(read_back[index].call_time_ns == generated[index].call_time_ns);
    CHECK(read_back[index].return_time_ns == generated[index].return_time_ns);
  }
  CHECK(check_history(read_back, CheckOptions{}).verdict == Verdict::linearizable);
}

TEST_CASE("with :time on every event, equal times are concurrent, as in the run",
          "[linearizability][reader]") {
  // faultline's history writer puts a completion before an invocation at the same ns; the run's
  // check `linearizable` judges them concurrent, and so must `faultline check` on the file.
  std::string timed =
      "{:time 10, :process 1, :type :invoke, :f :put, :key \"k\", :value \"a\"}\n"
      "{:time 50, :process 1, :type :ok, :f :put, :key \"k\", :value \"a\"}\n"
      "{:time 50, :process 2, :type :invoke, :f :get, :key \"k\", :value nil}\n"
      "{:time 70, :process 2, :type :ok, :f :get, :key \"k\", :value \"\"}\n";
  OperationHistory history = parse_ok(timed, HistoryFormat::edn, ModelKind::kv);
  REQUIRE(history.size() == 2);
  CHECK(history[0].ret == 50);
  CHECK(history[1].call == 50);
  CheckOptions options;
  options.model = ModelKind::kv;
  CHECK(check_history(history, options).verdict == Verdict::linearizable);
  // Without times the lines give the order: the put returned before the get was called.
  std::string untimed = timed;
  for (const char* time : {":time 10, ", ":time 50, ", ":time 50, ", ":time 70, "}) {
    untimed.erase(untimed.find(time), std::string(time).size());
  }
  OperationHistory ordered = parse_ok(untimed, HistoryFormat::edn, ModelKind::kv);
  CHECK(check_history(ordered, options).verdict == Verdict::not_linearizable);
}

TEST_CASE("histories that could be read two ways are bad input, with the line",
          "[linearizability][reader]") {
  auto op = [](const char* process, const char* type, const char* key, const char* value,
               const char* time = "") {
    return fmt::format("{{:process {}, :type :{}, :f :put, :key \"{}\", :value {}{}}}\n", process,
                       type, key, value, time);
  };
  auto error = [](const std::string& text) {
    return error_of(text, HistoryFormat::edn, ModelKind::kv);
  };
  // A process that is neither a client's integer nor a keyword (:nemesis lines are skipped).
  CHECK(error(op("\"c1\"", "invoke", "k", "\"a\"")) ==
        "h:1: :process must be a client's integer (or a keyword such as :nemesis, whose "
        "operations are skipped), got \"c1\"");
  CHECK(error(op("99999999999999999999", "invoke", "k", "\"a\""))
            .starts_with("h:1: :process must be a client's integer"));
  CHECK(error(op("1", "invoke", "a", "\"x\"") + op("1", "ok", "b", "\"x\"")) ==
        "h:2: process 1 completes :put on key \"b\" but invoked it on key \"a\" on line 1");
  CHECK(error(op("1", "invoke", "a", "\"x\"") + op("1", "ok", "a", "\"y\"")) ==
        "h:2: process 1 completes :put with a value other than the one it invoked it with on "
        "line 1");
  CHECK(error(op("1", "invoke", "a", "nil") + op("1", "ok", "a", "nil")) ==
        "h:2: process 1 completes :put but neither line gives the value it wrote");
  CHECK(error(op("1", "invoke", "a", "\"x\"", ", :time 400") +
              op("1", "ok", "a", "\"x\"", ", :time 100")) ==
        "h:2: :time 100 is before the previous event's 400: events must be listed in the order "
        "they happened");
  CHECK(error("{:process 1, :process 2, :type :invoke, :f :put, :key \"a\", :value \"x\"}\n") ==
        "h:1: a map with the key :process twice");
  CHECK(error("") == "h: the history holds no client operation (empty, or only the nemesis)");
  CHECK(error("{:process :nemesis, :type :info, :f :start, :value nil}\n") ==
        "h: the history holds no client operation (empty, or only the nemesis)");
}
