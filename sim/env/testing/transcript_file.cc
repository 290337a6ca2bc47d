// File: transcript_file.cc
// The split of a transcript into blocks (transcript_file.h).
#include "sim/env/testing/transcript_file.h"

#include <sstream>
#include <utility>

namespace faultline::testing {

TranscriptResult run_transcript_blocks(
    const std::string& text, const std::function<std::string(const std::string&)>& run_commands) {
  TranscriptResult result;
  std::vector<std::string> lines;
  {
    std::istringstream stream(text);
    std::string line;
    while (std::getline(stream, line)) {
      lines.push_back(line);
    }
  }
  size_t i = 0;
  while (i < lines.size()) {
    // Leading blank and comment lines are copied as they are.
    if (lines[i].empty() || lines[i][0] == '#') {
      result.rewritten += lines[i] + "\n";
      ++i;
      continue;
    }
    TranscriptBlock block;
    block.line = static_cast<int>(i + 1);
    while (i < lines.size() && lines[i] != "----") {
      block.commands += lines[i] + "\n";
      ++i;
    }
    ++i;  // the "----" line (or end of file)
    while (i < lines.size() && !lines[i].empty()) {
      block.expected += lines[i] + "\n";
      ++i;
    }
    block.actual = run_commands(block.commands);
    result.rewritten += block.commands + "----\n" + block.actual;
    result.blocks.push_back(std::move(block));
  }
  return result;
}

}  // namespace faultline::testing
