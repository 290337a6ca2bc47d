// File: trace_html_chromium_test.cc
// The space-time diagram (`faultline trace export --format html`) as a browser draws it: headless
// Chromium loads the page from disk (no network), runs its script and dumps the DOM, which must
// hold one node label per node and exactly one arrow per delivered copy and one mark per dropped
// copy of the trace. Chromium is a test dependency (scripts/setup.sh installs Debian's
// `chromium`): without it this test fails, it does not skip.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "tests/cli_run.h"

namespace {

using faultline::cli_test::Output;
using faultline::cli_test::run;

const std::string source_dir = FAULTLINE_SOURCE_DIR;

// Runs a shell command; its exit status and standard output (stderr goes where the command says).
Output shell(const std::string& command) {
  Output output;
  std::FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[65536];
  size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    output.text.append(buffer, read);
  }
  int status = pclose(pipe);
  output.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return output;
}

size_t occurrences(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("the HTML space-time diagram renders every node and message in headless Chromium",
          "[trace][export][chromium]") {
  Output which = shell("command -v chromium");
  INFO("chromium is missing: scripts/setup.sh installs it (Debian package chromium)");
  REQUIRE(which.status == 0);

  std::string pattern = "/tmp/faultline-chromium-test-XXXXXX";
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  const std::string dir = pattern;
  struct Cleanup {
    std::string dir;
    ~Cleanup() { std::filesystem::remove_all(dir); }
  } cleanup{dir};

  // 2.5 s of raft-nemesis seed 3 with swarm testing: a crash and a wipe, drops at the send and
  // on arrival, duplicated copies; under the page's 5000-message cap, so all are drawn.
  std::string trace = dir + "/short.trace";
  Output replayed =
      run("replay 3 --scenario " + source_dir +
          "/scenarios/fast/raft-nemesis.yaml --swarm --trace " + trace + " --until 2.5s");
  INFO(replayed.text);
  REQUIRE(replayed.status == 0);
  std::set<std::string> nodes;
  size_t deliveries = 0;
  size_t drops = 0;
  {
    std::ifstream in(trace);
    std::regex node_column(R"(^\d+ ([nc]\d+))");
    std::regex peer(R"( (?:to|from)=([nc]\d+))");
    for (std::string line; std::getline(in, line);) {
      std::smatch match;
      if (std::regex_search(line, match, node_column)) {
        nodes.insert(match[1]);
      }
      if (std::regex_search(line, match, peer)) {
        nodes.insert(match[1]);
      }
      deliveries += line.find(" net.deliver ") != std::string::npos;
      drops += line.find(" net.drop ") != std::string::npos;
    }
  }
  REQUIRE(nodes.size() == 8);  // n1..n5, c1..c3
  REQUIRE(deliveries > 1000);
  REQUIRE(drops > 10);

  std::string page = dir + "/diagram.html";
  Output exported = run("trace export --format html " + trace + " --out " + page);
  INFO(exported.text);
  REQUIRE(exported.status == 0);

  // As root (CI), Chromium needs --no-sandbox; a fresh profile; nothing that reaches the network.
  // `timeout` bounds a hung browser (STYLE.md 7).
  Output dom = shell(
      "timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic "
      "--no-first-run --disable-background-networking --disable-component-update "
      "--disable-sync --user-data-dir=" +
      dir + "/profile --dump-dom file://" + page + " 2>" + dir + "/chromium.log");
  INFO("chromium's stderr: " + read_file(dir + "/chromium.log").substr(0, 4000));
  REQUIRE(dom.status == 0);
  REQUIRE(dom.text.find("<svg id=\"plot\"") != std::string::npos);

  CHECK(occurrences(dom.text, "class=\"node-label\"") == nodes.size());
  for (const std::string& node : nodes) {
    INFO(node);
    CHECK(occurrences(dom.text, "class=\"node-label\" data-node=\"" + node + "\"") == 1);
  }
  CHECK(occurrences(dom.text, "class=\"msg msg-deliver\"") == deliveries);
  CHECK(occurrences(dom.text, "class=\"msg msg-drop\"") == drops);
  CHECK(occurrences(dom.text, "class=\"drop-mark\"") > 0);
  CHECK(occurrences(dom.text, "class=\"down\"") > 0);  // the crashed node's lifeline
  CHECK(dom.text.find("data-deliveries-drawn=\"" + std::to_string(deliveries) + "\"") !=
        std::string::npos);
}
