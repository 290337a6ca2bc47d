// File: multi_paxos_transcript_test.cc
// Runs every transcript in protocols/paxos/testdata/multi_* (STYLE.md 9) through the shared loop
// in tests/transcript_files.h: fails with the differing blocks; REWRITE=1 regenerates the expected
// sections in place. Review the diff like code.
#include <catch2/catch.hpp>

#include <string>

#include "protocols/paxos/testing/multi_transcript_runner.h"
#include "tests/transcript_files.h"

TEST_CASE("multi-paxos transcripts", "[multi_paxos][transcript]") {
  faultline::testing::check_transcripts("paxos", "multi_", [](const std::string& text) {
    return faultline::paxos::multi::testing::run_transcript(text);
  });
}
