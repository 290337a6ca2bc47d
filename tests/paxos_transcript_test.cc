// File: paxos_transcript_test.cc
// Runs every single-decree transcript (single_*.txt) in protocols/paxos/testdata/ (STYLE.md 9)
// through the shared loop in tests/transcript_files.h: fails with the differing blocks; REWRITE=1
// regenerates the expected sections in place. Review the diff like code.
#include <catch2/catch.hpp>

#include <string>

#include "protocols/paxos/testing/single_transcript_runner.h"
#include "tests/transcript_files.h"

TEST_CASE("paxos single-decree transcripts", "[paxos][transcript]") {
  faultline::testing::check_transcripts("paxos", "single_", [](const std::string& text) {
    return faultline::paxos::testing::run_transcript(text);
  });
}
