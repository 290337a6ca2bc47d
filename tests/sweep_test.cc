// File: sweep_test.cc
// `faultline sweep`, `sweep merge` and `test` as a user meets them (the built binary), and their
// parts: seed lists, shards, the scenario's `seeds` key, result lines, XML escaping. Results do
// not depend on --jobs; shards merge into the whole range; --resume after a torn file gives the
// same results; a crashing seed is recorded and the sweep goes on; the self-check finds a faked
// nondeterministic seed and only that; bad input is exit 2 with no file left behind.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <catch2/catch.hpp>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "sim/base/rng.h"
#include "sim/base/seed_list.h"
#include "sim/base/trace.h"
#include "sim/scenario/scenario_parser.h"
#include "tests/cli_run.h"
#include "tools/sweep/junit.h"
#include "tools/sweep/result_line.h"
#include "tools/sweep/shard.h"

namespace {

using faultline::cli_test::Output;
using faultline::cli_test::run;

const std::string source_dir = FAULTLINE_SOURCE_DIR;
// Cheap scenarios: paxos-basic runs in about a millisecond (and its trace is the same for every
// seed); raft-nemesis has a nemesis (--swarm) and a trace per seed.
const std::string paxos = "scenarios/fast/paxos-basic.yaml";
const std::string nemesis = "scenarios/fast/raft-nemesis.yaml";

// A fresh scratch folder per test case, removed at its end.
struct Scratch {
  std::string path;
  Scratch() {
    static int counter = 0;
    path =
        "/tmp/faultline-sweep-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~Scratch() { std::filesystem::remove_all(path); }
  std::string operator/(const std::string& name) const { return path + "/" + name; }
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// The results file with wall_s (the one field that varies between runs) left out.
std::string without_wall(const std::string& path) {
  return std::regex_replace(read_file(path), std::regex(",\"wall_s\":[0-9.e+-]+"), "");
}

// Runs the binary with environment variable `name` set to `value` (a test-only hook).
Output run_with_env(const std::string& name, const std::string& value,
                    const std::string& arguments) {
  ::setenv(name.c_str(), value.c_str(), 1);
  Output output = run(arguments);
  ::unsetenv(name.c_str());
  return output;
}

std::string sweep(const std::string& scenario, const std::string& rest) {
  return "sweep " + scenario + " " + rest;
}

// `faultline test scenarios/<dir> --junit FILE`: exit 0 and one JUnit test case per listed seed
// of every scenario (its `seeds`, else its `seed`). Registered as the ctest entries
// faultline_test_fast and faultline_test_negative (tests/sweep.cmake).
void check_test_dir(const std::string& dir) {
  Scratch scratch;
  std::string junit = scratch / "junit.xml";
  Output output = run("test " + dir + " --junit " + junit);
  INFO(output.text);
  CHECK(output.status == 0);
  size_t expected = 0;
  for (const auto& item : std::filesystem::directory_iterator(dir)) {
    if (item.path().extension() == ".yaml") {
      faultline::Result<faultline::Scenario> scenario = faultline::load_scenario(item.path());
      REQUIRE(scenario.ok());
      expected += std::max<size_t>(1, scenario->seeds.size());
    }
  }
  boost::property_tree::ptree tree;
  REQUIRE_NOTHROW(boost::property_tree::read_xml(junit, tree));
  const boost::property_tree::ptree& suite = tree.get_child("testsuites.testsuite");
  CHECK(suite.get<size_t>("<xmlattr>.tests") == expected);
  CHECK(suite.get<size_t>("<xmlattr>.failures") == 0);
  CHECK(suite.get<size_t>("<xmlattr>.errors") == 0);
  CHECK(suite.count("testcase") == expected);
}

}  // namespace

TEST_CASE("seed lists: N, A..B, comma lists, positions; errors", "[sweep][seeds]") {
  faultline::Result<faultline::SeedList> list = faultline::parse_seed_list("3, 10..12,7");
  REQUIRE(list.ok());
  CHECK(list->size() == 5);
  std::vector<uint64_t> seeds;
  for (uint64_t position = 0; position < list->size(); ++position) {
    seeds.push_back(list->at(position));
  }
  CHECK(seeds == std::vector<uint64_t>{3, 10, 11, 12, 7});
  CHECK(list->position_of(12) == 3);
  CHECK(list->position_of(4) == 5);
  CHECK(faultline::parse_seed_list("18446744073709551615")->at(0) == 18446744073709551615ULL);
  for (const char* bad :
       {"", "5..1", "x", "1,,2", "1..", "..3", "1,1", "1..5,3", "-1", "1..18446744073709551615"}) {
    INFO(bad);
    CHECK_FALSE(faultline::parse_seed_list(bad).ok());
  }
  CHECK(faultline::parse_seed_list("1..5,3").error().message == "seed 3 is listed twice");
}

TEST_CASE("shards are disjoint and cover the list; bad shards are refused", "[sweep][seeds]") {
  faultline::SeedList list = *faultline::parse_seed_list("1..10,20");
  std::vector<uint64_t> all;
  for (uint64_t index = 1; index <= 3; ++index) {
    std::vector<uint64_t> part = *faultline::shard_seeds(list, {index, 3}, nullptr);
    CHECK(part.size() >= 3);
    all.insert(all.end(), part.begin(), part.end());
  }
  std::sort(all.begin(), all.end());
  CHECK(all == std::vector<uint64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20});
  CHECK(*faultline::shard_seeds(list, {2, 3}, nullptr) == std::vector<uint64_t>{2, 5, 8, 20});
  CHECK(*faultline::shard_seeds(list, {1, 1}, [](uint64_t seed) { return seed < 10; }) ==
        std::vector<uint64_t>{10, 20});
  for (const char* bad : {"0/3", "4/3", "1/0", "a/b", "1", "1/", "/3", "-1/3", "1/3/"}) {
    INFO(bad);
    CHECK_FALSE(faultline::parse_shard(bad).ok());
  }
  CHECK(faultline::parse_shard("3/3").ok());
}

TEST_CASE("the scenario's seeds key: forms and errors with file, line and key",
          "[sweep][scenario]") {
  const std::string head =
      "name: s\ncluster: { nodes: 3, protocol: paxos }\nphases: [ { name: p, duration: 1s } ]\n";
  auto seeds_of = [&](const std::string& value) {
    return faultline::parse_scenario(head + "seeds: " + value + "\n", "s.yaml");
  };
  CHECK(seeds_of("[1, 4, 7..9]")->seeds == std::vector<uint64_t>{1, 4, 7, 8, 9});
  CHECK(seeds_of("1..3")->seeds == std::vector<uint64_t>{1, 2, 3});
  CHECK(seeds_of("\"2,5\"")->seeds == std::vector<uint64_t>{2, 5});
  CHECK(faultline::parse_scenario(head, "s.yaml")->seeds.empty());
  CHECK(seeds_of("[1, 1]").error().to_string() ==
        "s.yaml:4: key 'seeds[1]': seed 1 is listed twice");
  CHECK(seeds_of("[1, x]").error().to_string().rfind("s.yaml:4: key 'seeds[1]': invalid seed 'x'",
                                                     0) == 0);
  CHECK(seeds_of("[]").error().to_string().rfind("s.yaml:4: key 'seeds': expected a list", 0) == 0);
  CHECK(seeds_of("{ a: 1 }").error().to_string().rfind("s.yaml:4: key 'seeds': expected", 0) == 0);
  CHECK(seeds_of("[[1]]").error().to_string().rfind("s.yaml:4: key 'seeds[0]': expected", 0) == 0);
  CHECK(seeds_of("1..20000").error().to_string() ==
        "s.yaml:4: key 'seeds': more than 10000 seeds: keep the seeds a test runs few");
}

TEST_CASE("result lines read back; XML escaping keeps any text well formed", "[sweep]") {
  faultline::Result<faultline::ResultRecord> record = faultline::parse_result_line(
      R"({"scenario":"s.yaml","seed":17,"swarm":false,"verdict":"fail","kind":"safety_violation"})");
  REQUIRE(record.ok());
  CHECK(record->seed == 17);
  CHECK_FALSE(record->passed());
  for (const char* bad : {"", "[1]", R"({"scenario":"s","seed":-1,"swarm":false,"verdict":"pass"})",
                          R"({"scenario":"s","seed":1,"swarm":0,"verdict":"pass"})",
                          R"({"scenario":"s","seed":1,"swarm":false,"verdict":"maybe"})",
                          R"({"scenario":"s","seed":1,"swarm":false,"verdict":"pa)"}) {
    INFO(bad);
    CHECK_FALSE(faultline::parse_result_line(bad).ok());
  }
  CHECK(faultline::xml_escape("a<b>&\"'\n\x1b\xff\xc3\xa9", false) ==
        "a&lt;b&gt;&amp;&quot;&apos;\nU+001B\xEF\xBF\xBD\xC3\xA9");
  CHECK(faultline::xml_escape("1\n2", true) == "1&#10;2");
}

TEST_CASE("sweep: results do not depend on --jobs; the file is sorted by seed", "[sweep][cli]") {
  Scratch scratch;
  Output one = run(sweep(
      nemesis, "--seeds 1..6 --swarm --self-check 0 --jobs 1 --out " + (scratch / "one.jsonl")));
  INFO(one.text);
  Output two = run(sweep(
      nemesis, "--seeds 1..6 --swarm --self-check 0 --jobs 2 --out " + (scratch / "two.jsonl")));
  INFO(two.text);
  CHECK(one.status == two.status);
  CHECK(without_wall(scratch / "one.jsonl") == without_wall(scratch / "two.jsonl"));
  std::vector<std::string> lines = lines_of(read_file(scratch / "two.jsonl"));
  REQUIRE(lines.size() == 6);
  for (size_t i = 0; i < lines.size(); ++i) {
    faultline::Result<faultline::ResultRecord> record = faultline::parse_result_line(lines[i]);
    REQUIRE(record.ok());
    CHECK(record->seed == i + 1);
    CHECK(record->swarm);
    CHECK(record->scenario == nemesis);
    CHECK(std::regex_search(lines[i], std::regex("\"trace_hash\":\"[0-9a-f]{16}\"")));
  }
  faultline::Result<std::string> nemesis_hash = faultline::scenario_file_hash(nemesis);
  REQUIRE(nemesis_hash.ok());
  CHECK(lines[0].rfind("{\"scenario\":\"" + nemesis + "\",\"scenario_hash\":\"" + *nemesis_hash +
                           "\",\"seed\":1,\"swarm\":true,\"verdict\":",
                       0) == 0);
}

TEST_CASE("sweep: --shard 1/3, 2/3, 3/3 merged equal the whole range", "[sweep][cli]") {
  Scratch scratch;
  Output whole = run(sweep(paxos, "--seeds 1..10 --out " + (scratch / "whole.jsonl")));
  INFO(whole.text);
  REQUIRE(whole.status == 0);
  std::string shards;
  for (const char* index : {"1", "2", "3"}) {
    std::string out = scratch / ("shard-" + std::string(index) + ".jsonl");
    Output shard =
        run(sweep(paxos, "--seeds 1..10 --shard " + std::string(index) + "/3 --out " + out));
    INFO(shard.text);
    CHECK(shard.status == 0);
    CHECK(lines_of(read_file(out)).size() == (std::string(index) == "1" ? 4 : 3));
    shards += " " + out;
  }
  // The first shard twice: a duplicate with the same result is kept once.
  Output merged = run("sweep merge --out " + (scratch / "merged.jsonl") + shards + " " +
                      (scratch / "shard-1.jsonl"));
  INFO(merged.text);
  CHECK(merged.status == 0);
  CHECK(merged.text.find("results: 10 seeds: pass=10 fail=0 crash=0 nondeterministic=0") !=
        std::string::npos);
  CHECK(without_wall(scratch / "merged.jsonl") == without_wall(scratch / "whole.jsonl"));

  // The same seed with another result is an error naming both files.
  std::string other = read_file(scratch / "shard-1.jsonl");
  other = std::regex_replace(other, std::regex("\"trace_hash\":\"[0-9a-f]{16}\""),
                             "\"trace_hash\":\"0000000000000000\"");
  std::ofstream(scratch / "other.jsonl") << other;
  Output conflict = run("sweep merge --out " + (scratch / "conflict.jsonl") + shards + " " +
                        (scratch / "other.jsonl"));
  INFO(conflict.text);
  CHECK(conflict.status == 2);
  CHECK(conflict.text.find("error: seed 1 of " + paxos + " has different results in " +
                           (scratch / "shard-1.jsonl") + " and " + (scratch / "other.jsonl")) !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(scratch / "conflict.jsonl"));
}

TEST_CASE("sweep: every line names its scenario's version; --resume, merge and replay see an edit",
          "[sweep][cli]") {
  Scratch scratch;
  std::string scenario = scratch / "paxos.yaml";
  std::string text = read_file(paxos);
  std::ofstream(scenario) << text;
  std::string expected_hash = faultline::format_hash(faultline::fnv1a(text));
  std::string results = scratch / "results.jsonl";
  REQUIRE(run(sweep(scenario, "--seeds 1..3 --jobs 2 --out " + results)).status == 0);
  std::string before = read_file(results);
  std::vector<std::string> lines = lines_of(before);
  REQUIRE(lines.size() == 3);
  for (const std::string& line : lines) {
    faultline::Result<faultline::ResultRecord> record = faultline::parse_result_line(line);
    REQUIRE(record.ok());
    CHECK(record->scenario_hash == expected_hash);
  }

  // A comment is enough to make it another version of the file.
  std::ofstream(scenario, std::ios::app) << "# edited\n";
  std::string edited_hash = faultline::format_hash(faultline::fnv1a(text + "# edited\n"));
  Output resumed = run(sweep(scenario, "--seeds 1..5 --out " + results + " --resume"));
  INFO(resumed.text);
  CHECK(resumed.status == 2);
  CHECK(resumed.text.find(results +
                          ":1: key 'scenario_hash': holds results of another version of " +
                          scenario + " (scenario_hash " + expected_hash + "; the file's is now " +
                          edited_hash + ")") != std::string::npos);
  CHECK(read_file(results) == before);

  // Shards of two versions, or of two scenarios, are not one sweep.
  std::string later = scratch / "later.jsonl";
  REQUIRE(run(sweep(scenario, "--seeds 4..5 --out " + later)).status == 0);
  std::string merged = scratch / "merged.jsonl";
  Output versions = run("sweep merge --out " + merged + " " + results + " " + later);
  INFO(versions.text);
  CHECK(versions.status == 2);
  CHECK(versions.text.find("error: " + later + " holds results of " + scenario +
                           " (scenario_hash " + edited_hash + ") but " + results + " of " +
                           scenario + " (scenario_hash " + expected_hash +
                           "): sweep merge joins the shards of one sweep") != std::string::npos);
  std::string other = scratch / "other.jsonl";
  REQUIRE(run(sweep(nemesis, "--seeds 1 --out " + other)).status == 0);
  Output scenarios = run("sweep merge --out " + merged + " " + later + " " + other);
  CHECK(scenarios.status == 2);
  CHECK(scenarios.text.find("error: " + other + " holds results of " + nemesis) !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(merged));

  // Replay says so (a comment does not change the trace, so the seed still reproduces).
  Output replayed = run("replay '" + lines[0] + "' --trace " + (scratch / "seed-1.trace"));
  INFO(replayed.text);
  CHECK(replayed.status == 0);
  CHECK(replayed.text.find("note: " + scenario +
                           " is not the file the sweep ran (its "
                           "scenario_hash was " +
                           expected_hash + ", it is now " + edited_hash + ")") !=
        std::string::npos);
  CHECK(replayed.text.find("seed 1 reproduced") != std::string::npos);
  // A line written before scenario_hash existed is still read.
  std::string old_line =
      std::regex_replace(lines[0], std::regex(",\"scenario_hash\":\"[0-9a-f]{16}\""), "");
  faultline::Result<faultline::ResultRecord> old_record = faultline::parse_result_line(old_line);
  REQUIRE(old_record.ok());
  CHECK(old_record->scenario_hash.empty());
}

TEST_CASE("sweep: --resume after a torn results file gives the same final results",
          "[sweep][cli]") {
  Scratch scratch;
  std::string out = scratch / "resumed.jsonl";
  Output whole =
      run(sweep(nemesis, "--seeds 1..6 --self-check 0 --out " + (scratch / "whole.jsonl")));
  INFO(whole.text);
  // Three whole lines (not in seed order, as a parallel sweep leaves them) and half of a fourth.
  std::vector<std::string> lines = lines_of(read_file(scratch / "whole.jsonl"));
  REQUIRE(lines.size() == 6);
  std::ofstream(out) << lines[4] << "\n"
                     << lines[0] << "\n"
                     << lines[2] << "\n"
                     << lines[1].substr(0, lines[1].size() / 2);
  Output refused = run(sweep(nemesis, "--seeds 1..6 --out " + out));
  CHECK(refused.status == 2);
  CHECK(refused.text.find("exists: add --resume") != std::string::npos);
  Output resumed = run(sweep(nemesis, "--seeds 1..6 --self-check 0 --resume --out " + out));
  INFO(resumed.text);
  CHECK(resumed.status == whole.status);
  CHECK(resumed.text.find("3 seeds to run (3 already done)") != std::string::npos);
  CHECK(resumed.text.find("its last line was cut short") != std::string::npos);
  CHECK(without_wall(out) == without_wall(scratch / "whole.jsonl"));
  // Resuming a finished sweep runs nothing and rewrites the same file.
  Output again = run(sweep(nemesis, "--seeds 1..6 --resume --out " + out));
  CHECK(again.text.find("0 seeds to run (6 already done)") != std::string::npos);
  CHECK(without_wall(out) == without_wall(scratch / "whole.jsonl"));
  // Another scenario's results file is not resumed.
  Output mixed = run(sweep(paxos, "--seeds 1..6 --resume --out " + out));
  CHECK(mixed.status == 2);
  CHECK(mixed.text.find(out + ":1: holds a result of another sweep") != std::string::npos);
}

TEST_CASE("sweep: a crashing seed is recorded as a crash and the sweep goes on", "[sweep][cli]") {
  Scratch scratch;
  std::string out = scratch / "crash.jsonl";
  Output output = run_with_env("FAULTLINE_SWEEP_TEST_ABORT_SEED", "2",
                               sweep(paxos, "--seeds 1..4 --jobs 2 --out " + out));
  INFO(output.text);
  CHECK(output.status == 1);
  std::vector<std::string> lines = lines_of(read_file(out));
  REQUIRE(lines.size() == 4);
  CHECK(std::regex_match(
      lines[1],
      std::regex("\\{\"scenario\":\"" + paxos +
                 "\",\"scenario_hash\":\"[0-9a-f]{16}\",\"seed\":2,\"swarm\":false,\"verdict\":"
                 "\"crash\",\"kind\":\"signal\","
                 "\"signal\":\"SIGABRT\",\"wall_s\":[0-9.e-]+,\"stderr\":\""
                 "FAULTLINE_SWEEP_TEST_ABORT_SEED=2: aborting on seed 2 \\(test hook\\)\"\\}")));
  for (size_t i : {0, 2, 3}) {
    CHECK(lines[i].find("\"verdict\":\"pass\"") != std::string::npos);
  }
  CHECK(output.text.find("results: 4 seeds: pass=3 fail=0 crash=1 nondeterministic=0") !=
        std::string::npos);
  CHECK(output.text.find("crashes: 1 seed: 2\n") != std::string::npos);
  CHECK(output.text.find(" run " + paxos + " --seed 2 --trace failure.trace") != std::string::npos);
}

TEST_CASE("sweep: the self-check finds no nondeterminism, and reports a faked one",
          "[sweep][cli]") {
  Scratch scratch;
  std::string tmp = scratch / "tmp";
  std::filesystem::create_directories(tmp);
  ::setenv("TMPDIR", tmp.c_str(), 1);
  Output clean =
      run(sweep(nemesis, "--seeds 1..3 --self-check 100 --out " + (scratch / "a.jsonl")));
  INFO(clean.text);
  CHECK(clean.status == 0);
  CHECK(clean.text.find("3 self-checked") != std::string::npos);
  CHECK(clean.text.find("nondeterministic=0") != std::string::npos);
  Output faked =
      run_with_env("FAULTLINE_SWEEP_TEST_RERUN_SEED", "2",
                   sweep(nemesis, "--seeds 1..3 --self-check 100 --out " + (scratch / "b.jsonl")));
  ::unsetenv("TMPDIR");
  INFO(faked.text);
  CHECK(faked.status == 1);
  std::vector<std::string> lines = lines_of(read_file(scratch / "b.jsonl"));
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].find("\"verdict\":\"nondeterministic\",\"trace_hash\":\"") != std::string::npos);
  CHECK(lines[1].find("\"trace_hash_rerun\":\"") != std::string::npos);
  CHECK(lines[1].find("\"divergence\":{\"line\":") != std::string::npos);
  CHECK(faked.text.find("nondeterministic: 1 seed: 2\n") != std::string::npos);
  CHECK(faked.text.find("first divergent line") != std::string::npos);
  // The temporary traces are gone.
  CHECK(std::filesystem::is_empty(tmp));
}

TEST_CASE("sweep: exit statuses; bad input is exit 2 before any work", "[sweep][cli]") {
  Scratch scratch;
  std::string out = scratch / "out.jsonl";
  // A negative scenario passes where its check fires (seed 1) and fails where it does not.
  Output negative =
      run(sweep("scenarios/negative/raft-figure8-bug.yaml", "--seeds 1,2 --out " + out));
  INFO(negative.text);
  CHECK(negative.status == 1);
  std::vector<std::string> lines = lines_of(read_file(out));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].find("\"verdict\":\"pass\",\"check\":\"raft.leader_completeness\"") !=
        std::string::npos);
  CHECK(lines[1].find("\"verdict\":\"fail\",\"kind\":\"not_caught\"") != std::string::npos);
  CHECK(negative.text.find("failures by check:\n  not_caught: 1 seed: 2\n") != std::string::npos);
  CHECK(negative.text.find(" replay '{\"scenario\":") != std::string::npos);

  for (std::string bad :
       {"--seeds 5..1", "--seeds x", "--seeds 1,1", "--seeds ''", "--seeds 1..3 --shard 0/3",
        "--seeds 1..3 --shard 4/3", "--seeds 1..3 --shard 1/0", "--seeds 1..3 --self-check 101",
        "--seeds 1..3 --jobs 0", "", "--seeds 1..3 --swarm"}) {
    std::string fresh = scratch / "bad.jsonl";
    Output output = run(sweep(paxos, bad + " --out " + fresh));
    INFO(bad << "\n" << output.text);
    CHECK(output.status == 2);
    CHECK_FALSE(std::filesystem::exists(fresh));
  }
  Output swarm = run(sweep(paxos, "--seeds 1 --swarm --out " + (scratch / "s.jsonl")));
  CHECK(swarm.text.find("error: --swarm: ") != std::string::npos);
  std::ofstream(scratch / "bad.yaml") << "name: x\ncluster: { nodes: 3, protocol: paxos }\n"
                                         "phases: [ { name: p, duration: 1s } ]\nsedes: [1]\n";
  Output bad_file = run(sweep(scratch / "bad.yaml", "--seeds 1 --out " + out));
  CHECK(bad_file.status == 2);
  CHECK(bad_file.text.find(scratch / "bad.yaml:4: key 'sedes': unknown key") != std::string::npos);
  // An existing results file is not overwritten without --resume.
  std::string before = read_file(out);
  Output exists = run(sweep(paxos, "--seeds 1 --out " + out));
  CHECK(exists.status == 2);
  CHECK(read_file(out) == before);
}

TEST_CASE("sweep: an interrupt keeps what is done and says how to resume", "[sweep][cli]") {
  Scratch scratch;
  std::string out = scratch / "interrupted.jsonl";
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, STDOUT_FILENO);
    ::dup2(devnull, STDERR_FILENO);
    ::execl(FAULTLINE_BINARY, FAULTLINE_BINARY, "sweep", nemesis.c_str(), "--seeds", "1..100000",
            "--jobs", "2", "--out", out.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Wait (without a time limit of ours: ctest's applies) until two seeds are recorded.
  for (int wait = 0; wait < 3000 && lines_of(read_file(out)).size() < 2; ++wait) {
    ::usleep(20'000);
  }
  ::kill(pid, SIGINT);
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  std::vector<std::string> lines = lines_of(read_file(out));
  CHECK(lines.size() >= 2);
  for (const std::string& line : lines) {
    CHECK(faultline::parse_result_line(line).ok());
  }
}

TEST_CASE("test: a bad scenario file is an <error> case, the others still run, exit 2",
          "[sweep][cli][junit]") {
  Scratch scratch;
  std::string dir = scratch / "cases";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(source_dir + "/" + paxos, dir + "/a-good.yaml");
  std::ofstream(dir + "/b-bad.yaml") << "name: x\nseeds: [1, 1]\n";
  std::filesystem::copy_file(source_dir + "/scenarios/negative/raft-figure8-bug.yaml",
                             dir + "/c-negative.yaml");
  std::ofstream(dir + "/c-negative.yaml", std::ios::app) << "# two seeds, one not caught\n";
  std::string text = read_file(dir + "/c-negative.yaml");
  std::ofstream(dir + "/c-negative.yaml")
      << std::regex_replace(text, std::regex("\nseeds: \\[1\\]\n"), "\nseeds: [1, 2]\n");
  std::string junit = scratch / "cases.xml";
  Output output = run("test " + dir + " --junit " + junit + " --jobs 2");
  INFO(output.text);
  CHECK(output.status == 2);
  CHECK(output.text.find("PASS  a-good.yaml: 5 seeds\n") != std::string::npos);
  CHECK(output.text.find("ERROR b-bad.yaml: " + dir +
                         "/b-bad.yaml:2: key 'seeds[1]': seed 1 is "
                         "listed twice\n") != std::string::npos);
  CHECK(output.text.find("FAIL  c-negative.yaml: 1 of 2 seeds failed (negative: expects "
                         "raft.leader_completeness)\n  seed 2: expected raft.leader_completeness "
                         "to fire: not caught") != std::string::npos);
  boost::property_tree::ptree tree;
  REQUIRE_NOTHROW(boost::property_tree::read_xml(junit, tree));
  const boost::property_tree::ptree& suite = tree.get_child("testsuites.testsuite");
  CHECK(suite.get<std::string>("<xmlattr>.name") == "cases");
  CHECK(suite.get<int>("<xmlattr>.tests") == 8);
  CHECK(suite.get<int>("<xmlattr>.failures") == 1);
  CHECK(suite.get<int>("<xmlattr>.errors") == 1);
  std::vector<std::string> names;
  for (const auto& [tag, test_case] : suite) {
    if (tag != "testcase") {
      continue;
    }
    names.push_back(test_case.get<std::string>("<xmlattr>.classname") + " " +
                    test_case.get<std::string>("<xmlattr>.name"));
    if (test_case.count("failure") != 0) {
      CHECK(test_case.get<std::string>("failure.<xmlattr>.message") ==
            "expected raft.leader_completeness to fire: not caught");
      CHECK(test_case.get<std::string>("failure").find("--seed 2 --trace failure.trace") !=
            std::string::npos);
    }
  }
  CHECK(names == std::vector<std::string>{"cases.a-good seed 1", "cases.a-good seed 2",
                                          "cases.a-good seed 3", "cases.a-good seed 4",
                                          "cases.a-good seed 5", "cases.b-bad scenario file",
                                          "cases.c-negative seed 1", "cases.c-negative seed 2"});
  Output missing = run("test " + (scratch / "nowhere") + " --junit " + (scratch / "x.xml"));
  CHECK(missing.status == 2);
  CHECK_FALSE(std::filesystem::exists(scratch / "x.xml"));
}

TEST_CASE("test: --junit never writes over one of the scenarios it runs", "[sweep][cli][junit]") {
  Scratch scratch;
  std::string dir = scratch / "cases";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(source_dir + "/" + paxos, dir + "/a.yaml");
  std::filesystem::create_symlink(dir + "/a.yaml", scratch / "link.xml");
  std::string before = read_file(dir + "/a.yaml");
  for (const std::string& junit : {dir + "/a.yaml", scratch / "link.xml"}) {
    Output output = run("test " + dir + " --junit " + junit);
    INFO(output.text);
    CHECK(output.status == 2);
    CHECK(output.text.find("is the scenario") != std::string::npos);
    CHECK(read_file(dir + "/a.yaml") == before);
  }
}

TEST_CASE("faultline test scenarios/fast --junit", "[junit-fast]") {
  check_test_dir("scenarios/fast");
}

TEST_CASE("faultline test scenarios/negative --junit", "[junit-negative]") {
  check_test_dir("scenarios/negative");
}
