// File: trace_tools_test.cc
// `faultline replay`, `faultline trace diff` and `faultline trace export` as a user meets them
// (through the binary), checked against the canonical trace they read: a result line replays to
// its hash, --until cuts the trace to exactly the whole run's prefix, a diff names the first
// divergent line, the Perfetto JSON has a track per node, a flow per delivered copy and an
// instant per fault, the HTML embeds every message; bad input exits 2 and leaves no file.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sim/runner/runner.h"
#include "sim/scenario/scenario_parser.h"
#include "tests/cli_run.h"
#include "tools/trace_reader.h"

namespace {

using faultline::cli_test::Output;
using faultline::cli_test::run;

const std::string binary = FAULTLINE_BINARY;
const std::string source_dir = FAULTLINE_SOURCE_DIR;
const std::string nemesis_scenario = source_dir + "/scenarios/fast/raft-nemesis.yaml";
const std::string partition_scenario = source_dir + "/scenarios/fast/raft-leader-partition.yaml";

// A fresh directory for one test's files, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = "/tmp/faultline-trace-test-XXXXXX";
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

void write_lines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path);
  for (const std::string& line : lines) {
    out << line << '\n';
  }
}

bool exists(const std::string& path) {
  return std::filesystem::exists(path);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string hash_of(const std::string& text) {
  std::smatch match;
  REQUIRE(std::regex_search(text, match, std::regex("\ntrace_hash=([0-9a-f]{16})\n")));
  return match[1];
}

// What the exporters must show, counted from the canonical lines directly (the rule of
// tools/trace_walk.h classify_trace_event, restated).
struct TraceCounts {
  uint64_t sends = 0;
  uint64_t deliveries = 0;
  uint64_t drops = 0;
  uint64_t faults = 0;
  std::set<std::string> nodes;
};

TraceCounts count_trace(const std::string& path) {
  TraceCounts counts;
  std::regex line_form(R"(^(\d+) ([-nc]\d*)(@-?\d+)? (\w+)\.(\w+)(.*)$)");
  std::regex peer(R"( (to|from)=([nc]\d+))");
  for (const std::string& line : read_lines(path)) {
    std::smatch match;
    REQUIRE(std::regex_match(line, match, line_form));
    std::string node = match[2];
    std::string component = match[4];
    std::string event = match[5];
    std::string fields = match[6];
    if (node != "-") {
      counts.nodes.insert(node);
    }
    std::smatch peer_match;
    if (component == "net" && std::regex_search(fields, peer_match, peer)) {
      counts.nodes.insert(peer_match[2]);
    }
    if (component == "net") {
      counts.sends += event == "send";
      counts.deliveries += event == "deliver";
      counts.drops += event == "drop";
    }
    bool net_fault = component == "net" && (event == "partition" || event == "heal" ||
                                            event == "clog" || event == "clog_end");
    if (component == "nemesis" || component == "node" || component == "clock" ||
        component == "disk" || net_fault) {
      ++counts.faults;
    }
  }
  return counts;
}

// The full trace of raft-nemesis seed 3 with swarm testing: crashes, a wipe, a full disk, clock
// jumps, a partition, duplicated and reordered messages, drops of every cause.
std::string nemesis_trace(const TempDir& dir) {
  std::string trace = dir.file("nemesis.trace");
  Output output = run("run " + nemesis_scenario + " --seed 3 --swarm --trace " + trace);
  INFO(output.text);
  REQUIRE(output.status == 0);
  return trace;
}

}  // namespace

TEST_CASE("trace reader: canonical lines and what is not one", "[trace]") {
  faultline::TraceRecord record;
  REQUIRE_FALSE(faultline::parse_trace_line(
      "926016100 n4@931016342 client.invoke id=1 op=get key=k7 value=\"\" note=\"a b\"", record));
  CHECK(record.time_ns == 926016100);
  CHECK(record.node == faultline::NodeId::server(4));
  CHECK(record.local_ns == 931016342);
  CHECK(record.component == "client");
  CHECK(record.event == "invoke");
  REQUIRE(record.fields.size() == 5);
  CHECK(record.text("value") == "");
  CHECK(record.text("note") == "a b");
  CHECK(record.number("id") == 1);
  REQUIRE_FALSE(faultline::parse_trace_line("0 - phase.start name=faults", record));
  CHECK(record.node.is_none());
  REQUIRE_FALSE(faultline::parse_trace_line("5 c2 net.send to=n1 type=KvRequest", record));
  CHECK(record.node == faultline::NodeId::client(2));
  for (const char* bad :
       {"", "x n1 raft.vote", "-5 n1 raft.vote", "5 n0 raft.vote", "5 q1 raft.vote",
        "5 n1 raftvote", "5 n1 raft.vote term", "5 n1 raft.vote term=", "5 - @3 raft.vote",
        "5 -@3 raft.vote", "5 n1 raft.vote note=\"open", "5 n1 raft.vote  term=1",
        "5 n1 raft.vote term=1 "}) {
    INFO(bad);
    CHECK(faultline::parse_trace_line(bad, record).has_value());
  }
}

TEST_CASE("RunOptions::until cuts the run: the whole run's prefix, no judgement at the cut",
          "[trace][replay]") {
  faultline::Result<faultline::Scenario> scenario = faultline::load_scenario(nemesis_scenario);
  REQUIRE(scenario.ok());
  faultline::RunReport whole = faultline::run_scenario(*scenario, 3);
  CHECK_FALSE(whole.cut_at);
  faultline::RunOptions options;
  options.until = faultline::Time{2'500'000'000};
  faultline::RunReport cut = faultline::run_scenario(*scenario, 3, options);
  REQUIRE(cut.cut_at);
  CHECK(cut.cut_at->ns == 2'500'000'000);
  CHECK(cut.end.ns == 2'500'000'000);
  CHECK(cut.events < whole.events);
  REQUIRE_FALSE(cut.phases.empty());
  CHECK(cut.phases.back().end.ns == 2'500'000'000);
  CHECK(cut.verdict.passed());
  // Past the end: the whole run.
  options.until = faultline::Time{1'000'000'000'000};
  faultline::RunReport beyond = faultline::run_scenario(*scenario, 3, options);
  CHECK_FALSE(beyond.cut_at);
  CHECK(beyond.trace_hash == whole.trace_hash);
}

TEST_CASE("replay: a result line replays to its trace hash; a wrong hash is NOT reproduced",
          "[trace][replay]") {
  TempDir dir;
  std::string run_trace = dir.file("run.trace");
  Output ran = run("run " + partition_scenario + " --seed 5 --trace " + run_trace);
  REQUIRE(ran.status == 0);
  std::string hash = hash_of(ran.text);
  std::string line = R"({"scenario":")" + partition_scenario +
                     R"(","seed":5,"swarm":false,"verdict":"pass","trace_hash":")" + hash +
                     R"(","events":1,"wall_s":0.5})";
  std::string trace = dir.file("replay.trace");
  Output replayed = run("replay '" + line + "' --trace " + trace);
  INFO(replayed.text);
  CHECK(replayed.status == 0);
  CHECK(replayed.text.rfind("sweep result: scenario=" + partition_scenario + " seed=5", 0) == 0);
  CHECK(contains(replayed.text, "faultline replay " + partition_scenario + " seed=5\n"));
  CHECK(contains(replayed.text, "verdict: pass\n"));
  CHECK(contains(replayed.text, "trace_hash matches the sweep (" + hash + ")"));
  CHECK(contains(replayed.text, "replay: " + binary + " replay 5 --scenario " + partition_scenario +
                                    " --trace " + trace + "\n"));
  CHECK(read_file(trace) == read_file(run_trace));

  // --scenario overrides the line's path (here: the same file by another name).
  std::string other_line = line;
  other_line.replace(other_line.find(partition_scenario), partition_scenario.size(),
                     "no/such/file.yaml");
  Output overridden =
      run("replay '" + other_line + "' --scenario " + partition_scenario + " --trace " + trace);
  CHECK(overridden.status == 0);
  CHECK(contains(overridden.text, "trace_hash matches the sweep"));

  std::string wrong = line;
  wrong.replace(wrong.find(hash), hash.size(), "0123456789abcdef");
  Output mismatch = run("replay '" + wrong + "' --trace " + trace);
  INFO(mismatch.text);
  CHECK(mismatch.status == 1);
  CHECK(contains(mismatch.text,
                 "NOT reproduced: the sweep recorded trace_hash=0123456789abcdef, "
                 "this replay gives " +
                     hash));
  CHECK(contains(mismatch.text, "trace diff"));
}

TEST_CASE("replay: every line of a swarm sweep's results file replays to its hash",
          "[trace][replay]") {
  TempDir dir;
  std::string results = dir.file("results.jsonl");
  Output swept =
      run("sweep " + nemesis_scenario + " --seeds 1..3 --swarm --jobs 1 --out " + results);
  INFO(swept.text);
  REQUIRE(read_lines(results).size() == 3);
  for (const std::string& line : read_lines(results)) {
    INFO(line);
    nlohmann::json parsed = nlohmann::json::parse(line);
    REQUIRE(parsed["swarm"] == true);
    std::string quoted = line;
    REQUIRE(quoted.find('\'') == std::string::npos);
    Output replayed = run("replay '" + line + "' --trace " + dir.file("seed.trace"));
    INFO(replayed.text);
    CHECK(replayed.status == 0);
    CHECK(contains(replayed.text,
                   "trace_hash matches the sweep (" + std::string(parsed["trace_hash"]) + ")"));
    CHECK(contains(replayed.text, " --swarm --trace "));
  }
}

TEST_CASE("replay --until: the trace is the whole run's lines up to that time", "[trace][replay]") {
  TempDir dir;
  std::string whole = nemesis_trace(dir);
  for (std::string until : {"0ns", "1035251828ns", "2.5s", "6s", "6000000001ns"}) {
    INFO(until);
    std::string trace = dir.file("cut.trace");
    Output output = run("replay 3 --scenario " + nemesis_scenario + " --swarm --trace " + trace +
                        " --until " + until);
    INFO(output.text);
    CHECK(output.status == 0);
    CHECK(contains(output.text, "run cut at "));
    int64_t until_ns = faultline::parse_duration(until)->ns;
    std::vector<std::string> prefix;
    for (const std::string& line : read_lines(whole)) {
      if (std::stoll(line) <= until_ns) {
        prefix.push_back(line);
      }
    }
    CHECK(read_lines(trace) == prefix);
  }
  // With a result line: the hash covers the whole run, so it is not compared.
  std::string line = R"({"scenario":")" + nemesis_scenario +
                     R"(","seed":3,"swarm":true,"verdict":"pass","trace_hash":"0000000000000000"})";
  Output output = run("replay '" + line + "' --trace " + dir.file("cut.trace") + " --until 1s");
  CHECK(output.status == 0);
  CHECK(contains(output.text, "trace_hash not compared: the run was cut at 1.000000000s"));
}

TEST_CASE("replay: bad input exits 2 and writes nothing", "[trace][replay]") {
  TempDir dir;
  std::string trace = dir.file("never.trace");
  std::string scenario = " --scenario " + partition_scenario;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"('{"scenario":')", "result line: not a JSON object"},
      {R"('{"seed":1}')", "key 'scenario'"},
      {R"('{"scenario":"x.yaml"}')", "key 'seed'"},
      {R"('{"scenario":"x.yaml","seed":-1,"swarm":false,"verdict":"pass"}')", "key 'seed'"},
      {R"('{"scenario":"x.yaml","seed":"1","swarm":false,"verdict":"pass"}')", "key 'seed'"},
      {R"('{"scenario":"x.yaml","seed":1,"swarm":1,"verdict":"pass"}')", "key 'swarm'"},
      {R"('{"scenario":"x.yaml","seed":1,"swarm":false}')", "key 'verdict'"},
      {R"('{"scenario":"x.yaml","seed":1,"swarm":false,"verdict":"pass","trace_hash":"abc"}')",
       "key 'trace_hash'"},
      {R"('{"scenario":"no/such.yaml","seed":1,"swarm":false,"verdict":"pass"}')", "no/such.yaml"},
      {"12x" + scenario, "neither a result line (JSON) nor a seed"},
      {"7", "replay of a seed needs --scenario FILE"},
      {"7" + scenario + " --until 5parsecs", "--until"},
      {R"('{"scenario":"x.yaml","seed":1,"swarm":false,"verdict":"pass"}' --swarm)",
       "--swarm contradicts"},
  };
  for (const auto& [arguments, message] : cases) {
    Output output = run("replay " + arguments + " --trace " + trace);
    INFO(arguments);
    INFO(output.text);
    CHECK(output.status == 2);
    CHECK(contains(output.text, message));
    CHECK_FALSE(exists(trace));
  }
  Output no_trace = run("replay 7" + scenario);
  CHECK(no_trace.status == 2);
  CHECK(contains(no_trace.text, "replay needs --trace FILE"));
}

TEST_CASE("trace diff: identical, divergent in the middle, one a prefix of the other",
          "[trace][diff]") {
  TempDir dir;
  std::vector<std::string> lines;
  for (int i = 1; i <= 10; ++i) {
    lines.push_back(std::to_string(i * 1000) + " n1 raft.tick n=" + std::to_string(i));
  }
  std::string a = dir.file("a.trace");
  std::string b = dir.file("b.trace");
  write_lines(a, lines);
  write_lines(b, lines);
  Output same = run("trace diff " + a + " " + b);
  CHECK(same.status == 0);
  CHECK(same.text == "traces identical (10 events)\n");

  std::vector<std::string> changed = lines;
  changed[5] = "6000 n2 raft.tick n=6";
  write_lines(b, changed);
  Output differ = run("trace diff " + a + " " + b);
  CHECK(differ.status == 1);
  CHECK(differ.text ==
        "traces differ at line 6 (simulated time 0.000006000s), after 5 identical lines\n"
        "A: " +
            a + "\nB: " + b +
            "\n"
            "shared lines before it:\n"
            "          3  3000 n1 raft.tick n=3\n"
            "          4  4000 n1 raft.tick n=4\n"
            "          5  5000 n1 raft.tick n=5\n"
            "A         6  6000 n1 raft.tick n=6\n"
            "B         6  6000 n2 raft.tick n=6\n");

  changed[5] = "6500 n1 raft.tick n=6";
  write_lines(b, changed);
  CHECK(contains(run("trace diff " + a + " " + b).text,
                 "(simulated time 0.000006000s in A, 0.000006500s in B)"));

  std::vector<std::string> prefix(lines.begin(), lines.begin() + 7);
  write_lines(b, prefix);
  Output shorter = run("trace diff " + b + " " + a);
  CHECK(shorter.status == 1);
  CHECK(contains(shorter.text, "traces differ at line 8 (simulated time 0.000008000s)"));
  CHECK(contains(shorter.text, "A         8  (A ends here)\nB         8  8000 n1 raft.tick n=8\n"));
  Output longer = run("trace diff " + a + " " + b);
  CHECK(longer.status == 1);
  CHECK(contains(longer.text, "B         8  (B ends here)\n"));

  Output first_line = run("trace diff " + a + " " + dir.file("empty.trace"));
  CHECK(first_line.status == 2);  // no such file
  CHECK(contains(first_line.text, "cannot open the trace"));
  CHECK(contains(first_line.text, dir.file("empty.trace")));
}

TEST_CASE("trace diff of two runs of one seed: identical, with the event count", "[trace][diff]") {
  TempDir dir;
  std::string first = nemesis_trace(dir);
  std::string second = dir.file("again.trace");
  REQUIRE(run("replay 3 --scenario " + nemesis_scenario + " --swarm --trace " + second).status ==
          0);
  Output output = run("trace diff " + first + " " + second);
  CHECK(output.status == 0);
  CHECK(output.text ==
        "traces identical (" + std::to_string(read_lines(first).size()) + " events)\n");
}

TEST_CASE("trace export perfetto: a track per node, a flow per delivery, an instant per fault",
          "[trace][export]") {
  TempDir dir;
  std::string trace = nemesis_trace(dir);
  TraceCounts expected = count_trace(trace);
  REQUIRE(expected.faults > 10);
  REQUIRE(expected.drops > 100);
  std::string out = dir.file("trace.json");
  Output output = run("trace export --format perfetto " + trace + " --out " + out);
  INFO(output.text);
  REQUIRE(output.status == 0);
  CHECK(contains(output.text, "ui.perfetto.dev"));
  nlohmann::json document = nlohmann::json::parse(read_file(out));
  CHECK(!document.contains("displayTimeUnit"));
  const nlohmann::json& events = document["traceEvents"];

  std::vector<std::string> track_names;
  std::map<int64_t, std::string> track_of_tid;
  std::map<std::string, uint64_t> count;
  std::set<std::tuple<int64_t, double>> slice_starts;  // (tid, ts) of message slices
  for (const nlohmann::json& event : events) {
    std::string phase = event["ph"];
    if (phase == "M" && event["name"] == "thread_name") {
      track_names.push_back(event["args"]["name"]);
      track_of_tid[event["tid"]] = event["args"]["name"];
    }
    if (phase == "X") {
      CHECK(event["cat"] == "message");
      CHECK(event["dur"] == 0.001);
      slice_starts.emplace(event["tid"], event["ts"]);
    }
    if (phase == "i") {
      ++count["i/" + std::string(event["cat"]) + "/" + std::string(event["s"])];
    }
    ++count[phase];
  }
  // One track per node, in node order (servers, then clients), each named after it.
  CHECK(track_names == std::vector<std::string>{"n1", "n2", "n3", "n4", "n5", "c1", "c2", "c3"});
  CHECK(std::set<std::string>(track_names.begin(), track_names.end()) == expected.nodes);
  // A flow (start and finish) per delivered copy, each bound to a slice on its track.
  CHECK(count["s"] == expected.deliveries);
  CHECK(count["f"] == expected.deliveries);
  CHECK(count["X"] == expected.sends + expected.deliveries);
  for (const nlohmann::json& event : events) {
    if (event["ph"] == "s" || event["ph"] == "f") {
      CHECK(slice_starts.count({event["tid"], event["ts"]}) == 1);
      CHECK(track_of_tid.count(event["tid"]) == 1);
      if (event["ph"] == "f") {
        CHECK(event["bp"] == "e");
      }
    }
  }
  CHECK(count["i/fault/g"] == expected.faults);
  CHECK(count["i/drop/t"] == expected.drops);
  CHECK(count["i/phase/g"] == 4);

  // Timestamps: microseconds to the ns, exactly. The first send of the trace is the first slice.
  int64_t first_send_ns = 0;
  for (const std::string& line : read_lines(trace)) {
    if (contains(line, " net.send ")) {
      first_send_ns = std::stoll(line);
      break;
    }
  }
  REQUIRE(first_send_ns % 1000 != 0);
  std::string micros = std::to_string(first_send_ns / 1000) + "." +
                       std::to_string(1000 + first_send_ns % 1000).substr(1);
  micros.erase(micros.find_last_not_of('0') + 1);
  CHECK(contains(read_file(out), R"("ph":"X","name":"send )"));
  CHECK(contains(read_file(out), "\"ts\":" + micros + ","));

  // A window: only the messages sent in it, and every one of their arrivals.
  std::string window = dir.file("window.json");
  REQUIRE(
      run("trace export --format perfetto " + trace + " --out " + window + " --from 1s --until 2s")
          .status == 0);
  nlohmann::json part = nlohmann::json::parse(read_file(window));
  for (const nlohmann::json& event : part["traceEvents"]) {
    if (event["ph"] == "s") {
      CHECK(event["ts"] >= 1'000'000.0);
      CHECK(event["ts"] <= 2'000'000.0);
    }
  }
}

TEST_CASE("trace export html: one page, the data of every message, no network", "[trace][export]") {
  TempDir dir;
  std::string trace = dir.file("short.trace");
  REQUIRE(
      run("replay 3 --scenario " + nemesis_scenario + " --swarm --trace " + trace + " --until 2.5s")
          .status == 0);
  TraceCounts expected = count_trace(trace);
  REQUIRE(expected.sends < 5000);
  std::string out = dir.file("diagram.html");
  Output output = run("trace export --format html " + trace + " --out " + out);
  INFO(output.text);
  REQUIRE(output.status == 0);
  CHECK(contains(output.text, std::to_string(expected.sends) + " of " +
                                  std::to_string(expected.sends) + " messages drawn"));
  std::string page = read_file(out);
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  // Self-contained: no external script, style sheet, font or image.
  for (const char* external : {"<link", " src=", "@import", "url(http", "https://", "@font-face"}) {
    INFO(external);
    CHECK_FALSE(contains(page, external));
  }
  std::string open_tag = R"(<script type="application/json" id="trace-data">)";
  size_t begin = page.find(open_tag);
  REQUIRE(begin != std::string::npos);
  begin += open_tag.size();
  size_t end = page.find("</script>", begin);
  nlohmann::json data = nlohmann::json::parse(page.substr(begin, end - begin));
  CHECK(data["nodes"].size() == expected.nodes.size());
  uint64_t delivered = 0;
  uint64_t dropped = 0;
  for (const nlohmann::json& copy : data["messages"]) {
    (copy[6] == 0 ? delivered : dropped) += 1;
  }
  CHECK(delivered == expected.deliveries);
  CHECK(dropped == expected.drops);
  CHECK(data["counts"]["sends"] == expected.sends);
  CHECK(data["faults"].size() == expected.faults);
  CHECK(data["until_ns"] == std::stoll(read_lines(trace).back()));  // the last event drawn

  // The cap: the first N sends only, said on the page's data.
  std::string capped = dir.file("capped.html");
  std::string whole = nemesis_trace(dir);
  REQUIRE(run("trace export --format html " + whole + " --out " + capped).status == 0);
  std::string capped_page = read_file(capped);
  begin = capped_page.find(open_tag) + open_tag.size();
  end = capped_page.find("</script>", begin);
  nlohmann::json capped_data = nlohmann::json::parse(capped_page.substr(begin, end - begin));
  CHECK(capped_data["counts"]["sends_drawn"] == 5000);
  CHECK(capped_data["counts"]["sends"] == count_trace(whole).sends);
}

TEST_CASE("trace export: bad input exits 2 and leaves no output", "[trace][export]") {
  TempDir dir;
  std::string good = dir.file("good.trace");
  write_lines(good, {"0 n1 raft.recover term=0", "5 n1 net.send to=n2 type=Vote bytes=3 id=1",
                     "9 n2 net.deliver from=n1 id=1"});
  std::string bad = dir.file("bad.trace");
  write_lines(bad,
              {"0 n1 raft.recover term=0", "5 n1 raft.vote term=1", "this is not a trace line"});
  std::string out = dir.file("out.json");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"--format svg " + good, "unknown format 'svg'"},
      {"--format perfetto " + dir.file("missing.trace"), "cannot open the trace"},
      {"--format html " + bad, bad + ":3: not a canonical trace line"},
      {"--format perfetto " + bad, bad + ":3: not a canonical trace line"},
      {"--format perfetto " + good + " --from 2s --until 1s", "--until is before --from"},
      {"--format perfetto " + good + " --until 1parsec", "--until"},
  };
  for (const auto& [arguments, message] : cases) {
    Output output = run("trace export " + arguments + " --out " + out);
    INFO(arguments);
    INFO(output.text);
    CHECK(output.status == 2);
    CHECK(contains(output.text, message));
    CHECK_FALSE(exists(out));
  }
  Output missing_send =
      run("trace export --format html " + good + " --out " + dir.file("x") + ".html");
  CHECK(missing_send.status == 0);
  write_lines(bad, {"5 n1 net.send to=n2 bytes=3 id=1"});
  Output no_type = run("trace export --format perfetto " + bad + " --out " + out);
  CHECK(no_type.status == 2);
  CHECK(contains(no_type.text, bad + ":1: key 'type': net.send without its 'type' field"));
  // The output may not be the trace itself.
  Output onto_input = run("trace export --format perfetto " + good + " --out " + good);
  CHECK(onto_input.status == 2);
  CHECK(read_lines(good).size() == 3);
}
