// File: cli_test.cc
// The faultline command as a user meets it: exit statuses (0 pass, 1 check failed, 2 bad input),
// the seed banner first, the trace_hash line, the replay line that reproduces the run, a trace
// file that appears whole or not at all, and the same hash from two separate processes.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <regex>
#include <string>

#include "tests/cli_run.h"

using namespace std::string_literals;

namespace {

const std::string binary = FAULTLINE_BINARY;
const std::string source_dir = FAULTLINE_SOURCE_DIR;

using faultline::cli_test::Output;
using faultline::cli_test::run;

std::string hash_of(const std::string& text) {
  std::smatch match;
  REQUIRE(std::regex_search(text, match, std::regex("\ntrace_hash=([0-9a-f]{16})\n")));
  return match[1];
}

std::string temporary_path(const std::string& name) {
  return "/tmp/faultline-cli-test-" + std::to_string(::getpid()) + "-" + name;
}

bool exists(const std::string& path) {
  return std::ifstream(path).good();
}

std::string write_file(const std::string& name, const std::string& text) {
  std::string path = temporary_path(name);
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("run: banner first, verdict, hash line, replay line, exit 0", "[cli]") {
  std::string scenario = source_dir + "/scenarios/fast/raft-leader-partition.yaml";
  Output output = run("run " + scenario + " --seed 7");
  INFO(output.text);
  CHECK(output.status == 0);
  CHECK(output.text.rfind("faultline run " + scenario + " seed=7\n", 0) == 0);
  CHECK(output.text.find("election_timeout=[150ms,300ms]") != std::string::npos);
  CHECK(output.text.find("phase faults [0.000000000s, 6.000000000s): events=") !=
        std::string::npos);
  CHECK(output.text.find("verdict: pass\n") != std::string::npos);
  CHECK(output.text.find("replay: " + binary + " run " + scenario + " --seed 7\n") !=
        std::string::npos);
  // Two processes, same hash; another seed, another hash.
  CHECK(hash_of(run("run " + scenario + " --seed 7").text) == hash_of(output.text));
  CHECK(hash_of(run("run " + scenario + " --seed 8").text) != hash_of(output.text));
}

TEST_CASE("run: the negative scenario is caught: check, trace tail, replay line, exit 0", "[cli]") {
  std::string trace = temporary_path("negative.trace");
  Output output =
      run("run " + source_dir + "/scenarios/negative/raft-figure8-bug.yaml --trace " + trace);
  INFO(output.text);
  CHECK(output.status == 0);  // a negative scenario passes when its expected check fires
  CHECK(output.text.find("negative scenario: expects raft.leader_completeness to fire: caught, "
                         "as expected: PASS") != std::string::npos);
  CHECK(output.text.find("verdict: FAIL (safety violation) check=raft.leader_completeness "
                         "at=1.570772237s node=n2") != std::string::npos);
  CHECK(output.text.find("last trace lines:\n  ") != std::string::npos);
  CHECK(output.text.find("--seed 1 --trace " + trace) != std::string::npos);
  REQUIRE(exists(trace));
  // The trace file's FNV-1a 64 is the printed hash.
  std::ifstream in(trace, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  uint64_t hash = 0xcbf29ce484222325ull;
  for (char c : text) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  CHECK(hex == hash_of(output.text));
  std::remove(trace.c_str());
}

TEST_CASE("bad input exits 2 with file, line and key, and writes no trace", "[cli]") {
  std::string trace = temporary_path("bad.trace");
  std::string scenario = write_file("bad.yaml",
                                    "name: x\ncluster:\n  nodes: 3\n  protocl: raft\n"
                                    "phases:\n  - { name: a, duration: 1s }\n");
  Output output = run("run " + scenario + " --trace " + trace);
  INFO(output.text);
  CHECK(output.status == 2);
  CHECK(output.text.find(scenario + ":4") != std::string::npos);
  CHECK(output.text.find("cluster.protocl") != std::string::npos);
  CHECK_FALSE(exists(trace));

  std::string escape = write_file("escape.yaml", "name: x\nk\x1b[2J: 1\n");
  Output escaped = run("run " + escape);
  CHECK(escaped.status == 2);
  CHECK(escaped.text.find("kU+001B[2J") != std::string::npos);
  CHECK(escaped.text.find('\x1b') == std::string::npos);  // never raw to the terminal
  std::remove(escape.c_str());

  Output missing = run("run /nonexistent/scenario.yaml");
  CHECK(missing.status == 2);
  CHECK(missing.text.find("/nonexistent/scenario.yaml") != std::string::npos);

  std::string good = source_dir + "/scenarios/fast/raft-steady-state.yaml";
  Output bad_seed = run("run " + good + " --seed banana");
  CHECK(bad_seed.status == 2);
  CHECK(bad_seed.text.find("invalid seed 'banana'") != std::string::npos);

  Output bad_trace = run("run " + good + " --trace /nonexistent/dir/out.trace");
  CHECK(bad_trace.status == 2);
  CHECK(bad_trace.text.find("cannot write '/nonexistent/dir/out.trace'") != std::string::npos);

  CHECK(run("").status == 2);
  CHECK(run("run").status == 2);
  CHECK(run("frobnicate").status == 2);
  CHECK(run("--help").status == 0);
  std::remove(scenario.c_str());
}

TEST_CASE("--history writes every client operation as EDN or JSON, or nothing on bad input",
          "[cli]") {
  std::string good = source_dir + "/scenarios/fast/raft-nemesis.yaml";
  std::string edn = temporary_path("history.edn");
  Output written = run("run " + good + " --seed 3 --history " + edn);
  INFO(written.text);
  REQUIRE(written.status == 0);
  CHECK(written.text.find("history of 680 operations written to " + edn) != std::string::npos);
  CHECK(written.text.find("replay: " + binary + " run " + good + " --seed 3 --history " + edn) !=
        std::string::npos);
  std::ifstream lines(edn);
  std::string first;
  std::getline(lines, first);
  CHECK(first ==
        "{:index 0, :time 4540607, :process 3, :type :invoke, :f :get, :key \"k0\", :value nil}");
  size_t invocations = 1;
  for (std::string line; std::getline(lines, line);) {
    invocations += line.find(":type :invoke") != std::string::npos ? 1 : 0;
  }
  CHECK(invocations == 680);
  std::remove(edn.c_str());

  std::string text = temporary_path("history.txt");
  Output wrong_name = run("run " + good + " --history " + text);
  CHECK(wrong_name.status == 2);
  CHECK(wrong_name.text.find("must end in .edn (Jepsen's EDN) or .json") != std::string::npos);
  CHECK_FALSE(exists(text));
  // A linearizability failure's replay line writes the history, the evidence to check again.
  Output stale = run("run " + source_dir +
                     "/scenarios/negative/replication-leaderless-k01-quorum-async-repair.yaml");
  CHECK(stale.status == 0);  // the negative scenario is caught
  CHECK(stale.text.find("check=linearizable") != std::string::npos);
  CHECK(stale.text.find(" --trace failure.trace --history failure-history.edn\n") !=
        std::string::npos);
  Output no_directory = run("run " + good + " --history /nonexistent/dir/h.json");
  CHECK(no_directory.status == 2);
  CHECK(no_directory.text.find("cannot write '/nonexistent/dir/h.json'") != std::string::npos);
}

TEST_CASE("a negative scenario whose check does not fire fails with exit 1", "[cli]") {
  std::ifstream in(source_dir + "/scenarios/negative/raft-figure8-bug.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string bug_line = "    bug: commit_old_term_by_count\n";
  REQUIRE(text.find(bug_line) != std::string::npos);
  text.erase(text.find(bug_line), bug_line.size());
  std::string scenario = write_file("not-caught.yaml", text);
  Output output = run("run " + scenario);
  INFO(output.text);
  CHECK(output.status == 1);
  CHECK(output.text.find("verdict: pass\n") != std::string::npos);
  CHECK(output.text.find("NOT caught: FAIL") != std::string::npos);
  std::remove(scenario.c_str());
}

TEST_CASE("--trace never replaces a device, a directory or the scenario itself", "[cli]") {
  std::string copy = write_file(
      "copy.yaml", "name: c\ncluster: { nodes: 1 }\nphases:\n  - { name: a, duration: 1s }\n");
  for (const std::string& target : {"/dev/null"s, "/tmp"s, copy, ""s}) {
    Output output = run("run " + copy + " --trace '" + target + "'");
    INFO(target << ": " << output.text);
    CHECK(output.status == 2);
    CHECK(output.text.find("faultline run") == std::string::npos);  // refused before running
  }
  struct stat status {};
  REQUIRE(::stat("/dev/null", &status) == 0);
  CHECK(S_ISCHR(status.st_mode));
  std::ifstream kept(copy);
  std::string first_line;
  std::getline(kept, first_line);
  CHECK(first_line == "name: c");
  std::remove(copy.c_str());
}

TEST_CASE("an interrupted run leaves no trace or history file and no temporary beside them",
          "[cli]") {
  std::string trace = temporary_path("interrupted.trace");
  std::string history = temporary_path("interrupted.edn");
  std::string command = "timeout -s INT 0.5 " + binary + " run " + source_dir +
                        "/scenarios/slow/raft-one-hour.yaml --trace " + trace + " --history " +
                        history + " > /dev/null 2>&1";
  int status = std::system(command.c_str());
  CHECK(WEXITSTATUS(status) != 0);
  CHECK_FALSE(exists(trace));
  CHECK_FALSE(exists(history));
  // Both temporaries go (the signal handler once forgot the first of two).
  for (const std::string& output : {trace, history}) {
    std::string leftovers = "ls " + output + ".tmp.* > /dev/null 2>&1";
    CHECK(std::system(leftovers.c_str()) != 0);
  }
}

TEST_CASE("the replay line quotes what the shell would split", "[cli]") {
  std::string scenario = write_file("my scen's $HOME.yaml",
                                    "name: q\ncluster: { nodes: 1 }\nphases:\n"
                                    "  - { name: a, duration: 1s }\n");
  std::string quoted = "'";
  for (char c : scenario) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  Output output = run("run " + quoted + "'");
  INFO(output.text);
  CHECK(output.status == 0);
  CHECK(output.text.find("' --seed 1\n") != std::string::npos);
  std::string replay = output.text.substr(output.text.find("replay: ") + 8);
  replay = replay.substr(0, replay.find('\n'));
  std::string pasted = replay + " > /dev/null 2>&1";
  CHECK(std::system(pasted.c_str()) == 0);
  std::remove(scenario.c_str());
}

TEST_CASE("bench phold prints the summary line", "[cli]") {
  Output output = run("bench phold --lps 100 --events-per-lp 2 --until 10s --seed 3");
  INFO(output.text);
  CHECK(output.status == 0);
  CHECK(std::regex_search(output.text,
                          std::regex("\nevents=[0-9]+ wall_s=[0-9.]+ events_per_s=[0-9]+\n")));
  // The simulated part is deterministic: the same event count and checksum every time.
  std::smatch first;
  std::smatch second;
  std::string again = run("bench phold --lps 100 --events-per-lp 2 --until 10s --seed 3").text;
  REQUIRE(
      std::regex_search(output.text, first, std::regex("checksum=([0-9a-f]+)\nevents=([0-9]+)")));
  REQUIRE(std::regex_search(again, second, std::regex("checksum=([0-9a-f]+)\nevents=([0-9]+)")));
  CHECK(first[1] == second[1]);
  CHECK(first[2] == second[2]);
}

TEST_CASE("--swarm: the seed's fault mix in the banner, the phases act on it, replay keeps it",
          "[cli]") {
  const std::string scenario = source_dir + "/scenarios/fast/raft-nemesis.yaml";
  Output swarm = run("run " + scenario + " --seed 3 --swarm");
  INFO(swarm.text);
  CHECK(swarm.status == 0);
  // The README's example: the same seed gives the same choice on every build.
  CHECK(swarm.text.find("\n  swarm: crash=0.75/s partition=0.3/s clock_jump=0.52/s "
                        "torn_crash=0.55/s corrupt=0.08/s wipe=0.23/s disk_full=0.74/s\n") !=
        std::string::npos);
  CHECK(swarm.text.find("replay: " + binary + " run " + scenario + " --seed 3 --swarm\n") !=
        std::string::npos);
  CHECK(std::regex_search(swarm.text, std::regex("nemesis injected=[1-9][0-9]* ")));
  CHECK(std::regex_search(swarm.text, std::regex("\n  effects: .*wipes=1")));
  // Another seed, another mix; without --swarm the scenario's own rates and no swarm line.
  Output other = run("run " + scenario + " --seed 4 --swarm");
  CHECK(other.text.find("  swarm: crash=0.75/s partition=0.3/s") == std::string::npos);
  Output plain = run("run " + scenario + " --seed 3");
  CHECK(plain.status == 0);
  CHECK(plain.text.find("swarm:") == std::string::npos);
  CHECK(hash_of(plain.text) != hash_of(swarm.text));
  // Twice the same: swarm runs are as deterministic as any other.
  CHECK(hash_of(run("run " + scenario + " --seed 3 --swarm").text) == hash_of(swarm.text));
  // A scenario without a nemesis has nothing to swarm: bad usage, exit 2.
  Output none = run("run " + source_dir + "/scenarios/fast/raft-steady-state.yaml --swarm");
  CHECK(none.status == 2);
  CHECK(none.text.find("--swarm needs a scenario with a `nemesis` block") != std::string::npos);
}

TEST_CASE("the phase summary counts what the fault models did", "[cli]") {
  Output output = run("run " + source_dir + "/scenarios/fast/raft-nemesis.yaml --seed 1");
  INFO(output.text);
  CHECK(output.status == 0);
  CHECK(std::regex_search(
      output.text,
      std::regex(
          "\n  faults applied=2 skipped=0 nemesis injected=[0-9]+ skipped_for_budget=[0-9]+\n"
          "  effects: dropped_loss=[0-9]+ .*duplicated=[0-9]+ reordered=[0-9]+ .*\n")));
}
