// File: replication_transcript_test.cc
// Runs every transcript in protocols/replication/testdata/ (STYLE.md 9) through the shared loop in
// tests/transcript_files.h: fails with the differing blocks; REWRITE=1 regenerates the expected
// sections in place. Review the diff like code.
#include <catch2/catch.hpp>

#include <string>

#include "protocols/replication/testing/transcript_runner.h"
#include "tests/transcript_files.h"

TEST_CASE("replication transcripts", "[replication][transcript]") {
  faultline::testing::check_transcripts("replication", "", [](const std::string& text) {
    return faultline::replication::testing::run_transcript(text);
  });
}
