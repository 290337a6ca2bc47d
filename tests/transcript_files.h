// File: transcript_files.h
// The loop every transcript test runs (STYLE.md 9): for each protocols/<protocol>/testdata/*.txt
// (optionally only the names that start with a prefix), in name order, run it and fail with the
// blocks whose actual output differs from the expected one. REWRITE=1 regenerates the expected
// sections in place instead; review the diff like code.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::testing {

inline std::string read_transcript(const std::filesystem::path& path) {
  std::ifstream stream(path);
  std::stringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

// protocols/<protocol>/testdata/<name_prefix>*.txt, sorted, without the names that start with
// `skip_prefix` (when not empty: another runner's transcripts in the same folder).
inline std::vector<std::filesystem::path> transcript_files(std::string_view protocol,
                                                           std::string_view name_prefix = "",
                                                           std::string_view skip_prefix = "") {
  std::filesystem::path directory =
      std::filesystem::path(FAULTLINE_SOURCE_DIR) / "protocols" / protocol / "testdata";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    std::string name = entry.path().filename().string();
    bool skipped = !skip_prefix.empty() && name.starts_with(skip_prefix);
    if (entry.path().extension() == ".txt" && name.starts_with(name_prefix) && !skipped) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Runs every transcript of `protocol` whose name starts with `name_prefix` through `run` (text ->
// a TranscriptResult: `rewritten` and `blocks` of line, commands, expected, actual), one SECTION
// per file, skipping the names that start with `skip_prefix` (if not empty). Call from inside a
// TEST_CASE.
template <typename RunTranscript>
void check_transcripts(std::string_view protocol, std::string_view name_prefix, RunTranscript run,
                       std::string_view skip_prefix = "") {
  const char* rewrite = std::getenv("REWRITE");
  std::vector<std::filesystem::path> files = transcript_files(protocol, name_prefix, skip_prefix);
  REQUIRE(!files.empty());
  for (const std::filesystem::path& path : files) {
    SECTION(path.filename().string()) {
      auto result = run(read_transcript(path));
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

}  // namespace faultline::testing
