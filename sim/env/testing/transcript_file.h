// File: transcript_file.h
// The transcript file format every protocol's runner reads (STYLE.md 9, after etcd-io/raft's
// interaction tests): blocks of command lines, a "----" line, the exact expected output, a blank
// line; '#' and blank lines between blocks are kept as they are. This file owns the split into
// blocks and the rewritten text (REWRITE=1); what a block's commands do is the runner's.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace faultline::testing {

struct TranscriptBlock {
  int line = 0;  // 1-based line of the block's first command
  std::string commands;
  std::string expected;
  std::string actual;
};

struct TranscriptResult {
  std::vector<TranscriptBlock> blocks;
  std::string rewritten;  // the file with every expected section replaced by the actual output
};

// Splits `text` into blocks and runs each block's commands, in file order, through
// `run_commands` (commands -> the block's actual output).
TranscriptResult run_transcript_blocks(
    const std::string& text, const std::function<std::string(const std::string&)>& run_commands);

}  // namespace faultline::testing
