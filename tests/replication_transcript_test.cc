// File: replication_transcript_test.cc
// Runs every transcript in protocols/replication/testdata/ (STYLE.md 9) through the shared loop in
// tests/transcript_files.h: fails with the differing blocks; REWRITE=1 regenerates the expected
// sections in place. Review the diff like code.
#include <catch2/catch.hpp>

#include <string>

#include "protocols/replication/testing/leaderless_transcript_runner.h"
#include "protocols/replication/testing/transcript_runner.h"
#include "tests/transcript_files.h"

TEST_CASE("replication transcripts", "[replication][transcript]") {
  faultline::testing::check_transcripts(
      "replication", "",
      [](const std::string& text) { return faultline::replication::testing::run_transcript(text); },
      "leaderless_");
}

TEST_CASE("leaderless transcripts", "[replication][leaderless][transcript]") {
  faultline::testing::check_transcripts("replication", "leaderless_", [](const std::string& text) {
    return faultline::replication::testing::run_leaderless_transcript(text);
  });
}
