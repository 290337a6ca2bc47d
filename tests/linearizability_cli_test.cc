// File: linearizability_cli_test.cc
// `faultline check` as a user meets it: exit 0 linearizable, 1 not (with the minimal set), 2 bad
// input or usage (with file and line), 3 unknown at the state limit; and `bench linearizability`
// on a small generated history, writing it for `check` to read back.
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>

#include "tests/cli_run.h"

namespace {

const std::string binary = FAULTLINE_BINARY;
const std::string cases = FAULTLINE_SOURCE_DIR "/../shared/cases/linearizability";

using faultline::cli_test::Output;
using faultline::cli_test::run;

std::string temporary_path(const std::string& name) {
  return "/tmp/faultline-lin-test-" + std::to_string(::getpid()) + "-" + name;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("check: a linearizable history exits 0", "[linearizability][cli]") {
  Output output = run("check " + cases + "/jepsen/etcd_002.log --model register");
  INFO(output.text);
  CHECK(output.status == 0);
  CHECK(output.text.rfind("faultline check " + cases +
                              "/jepsen/etcd_002.log model=register format=jepsen-log\n"
                              "verdict: linearizable\n"
                              "figures: model=register operations=",
                          0) == 0);
  Output kv = run("check " + cases + "/kv/c10-ok.txt --model kv");
  CHECK(kv.status == 0);
  CHECK(contains(kv.text, "format=edn\nverdict: linearizable\n"));
  CHECK(contains(kv.text, "partitions=10 "));
}

TEST_CASE("check: a non-linearizable history exits 1 with the minimal set",
          "[linearizability][cli]") {
  Output output =
      run("check " + cases + "/jepsen/etcd_000.log --model register --format jepsen-log");
  INFO(output.text);
  CHECK(output.status == 1);
  CHECK(contains(output.text, "verdict: NOT linearizable\nkey: (none: one object)\n"));
  CHECK(contains(output.text, "operations that cannot be linearized (minimal):\n  process "));
  CHECK(contains(output.text, ", call line "));
  Output kv = run("check " + cases + "/kv/c01-bad.txt --model kv");
  CHECK(kv.status == 1);
  CHECK(contains(kv.text, "key: \""));
  // The same output from a second process.
  CHECK(run("check " + cases + "/jepsen/etcd_000.log --model register").text == output.text);
}

TEST_CASE("check: --initial, and the state limit exits 3", "[linearizability][cli]") {
  std::string path = temporary_path("initial.edn");
  std::ofstream(path) << "{:process 0, :type :invoke, :f :read, :value nil}\n"
                         "{:process 0, :type :ok, :f :read, :value 5}\n";
  CHECK(run("check " + path + " --model register").status == 1);
  CHECK(run("check " + path + " --model register --initial 5").status == 0);
  Output limited = run("check " + cases + "/jepsen/etcd_002.log --model register --max-states 3");
  CHECK(limited.status == 3);
  CHECK(contains(limited.text, "verdict: unknown (limit reached)\n"));
  std::remove(path.c_str());
}

TEST_CASE("check: bad input and usage exit 2", "[linearizability][cli]") {
  std::string path = temporary_path("bad.edn");
  std::ofstream(path) << "{:process 0, :type :invoke, :f :get, :key \"k\"}\n"
                         "{:process 1, :type :ok, :f :get, :key \"k\", :value \"v\"}\n";
  Output unpaired = run("check " + path + " --model kv");
  CHECK(unpaired.status == 2);
  CHECK(unpaired.text == "error: " + path + ":2: process 1 completes :get without an invocation\n");
  Output wrong_model = run("check " + path + " --model register");
  CHECK(wrong_model.status == 2);
  CHECK(contains(wrong_model.text, path + ":1: :get is not an operation of the register model"));
  Output missing = run("check /nonexistent/history.edn --model kv");
  CHECK(missing.status == 2);
  CHECK(contains(missing.text, "/nonexistent/history.edn"));
  Output directory = run("check /tmp --model kv");
  CHECK(directory.status == 2);
  CHECK(directory.text == "error: /tmp: is a directory, not a history file\n");
  CHECK(run("check " + path + " --model queue").status == 2);
  CHECK(run("check " + path + " --model kv --format yaml").status == 2);
  CHECK(run("check " + path + " --model mutex --initial open").status == 2);
  CHECK(run("check " + path).status == 2);
  CHECK(run("check").status == 2);
  std::remove(path.c_str());
}

TEST_CASE("bench linearizability: cases, a generated history, written for check",
          "[linearizability][cli]") {
  std::string path = temporary_path("generated.json");
  Output output = run("bench linearizability --cases " + cases +
                      " --ops 300 --clients 10 --keys 3 --seed 5 --write-history " + path);
  INFO(output.text);
  CHECK(output.status == 0);
  CHECK(contains(output.text, "/jepsen/etcd_000.log verdict=not linearizable ms="));
  CHECK(contains(output.text, "/kv/c10-ok.txt verdict=linearizable ms="));
  CHECK(contains(output.text,
                 "generated kv operations=300 clients=10 keys=3 seed=5 verdict=linearizable ms="));
  CHECK(contains(output.text, "peak_rss_kib="));
  Output checked = run("check " + path + " --model kv");
  CHECK(checked.status == 0);
  CHECK(contains(checked.text,
                 "format=json\nverdict: linearizable\nfigures: model=kv "
                 "operations=300 partitions=3 "));
  std::remove(path.c_str());
}
