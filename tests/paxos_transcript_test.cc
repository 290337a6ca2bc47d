// File: paxos_transcript_test.cc
// Runs every single-decree transcript (single_*.txt) in protocols/paxos/testdata/ (STYLE.md 9) and
// fails with the differing blocks. REWRITE=1 regenerates the expected sections in place; review the
// diff like code.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "protocols/paxos/testing/single_transcript_runner.h"

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream stream(path);
  std::stringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

std::vector<std::filesystem::path> transcript_files() {
  std::filesystem::path directory =
      std::filesystem::path(FAULTLINE_SOURCE_DIR) / "protocols" / "paxos" / "testdata";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.path().extension() == ".txt" &&
        entry.path().filename().string().starts_with("single_")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("paxos single-decree transcripts", "[paxos][transcript]") {
  const char* rewrite = std::getenv("REWRITE");
  std::vector<std::filesystem::path> files = transcript_files();
  REQUIRE(!files.empty());
  for (const std::filesystem::path& path : files) {
    SECTION(path.filename().string()) {
      std::string text = read_file(path);
      faultline::paxos::testing::TranscriptResult result =
          faultline::paxos::testing::run_transcript(text);
      if (rewrite != nullptr && std::string(rewrite) == "1") {
        std::ofstream(path) << result.rewritten;
        continue;
      }
      for (const auto& block : result.blocks) {
        INFO(path.filename().string() << ":" << block.line << "\n"
                                      << block.commands << "---- expected\n"
                                      << block.expected << "---- actual\n"
                                      << block.actual);
        CHECK(block.expected == block.actual);
      }
    }
  }
}
