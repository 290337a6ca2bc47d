// File: cli_run.h
// Runs the faultline binary (FAULTLINE_BINARY, set by the test's CMake) as a user would, from the
// tests of the command line: its exit status (128 + signal when killed) and what it printed on
// stdout and stderr together.
#pragma once

#include <sys/wait.h>
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

namespace faultline::cli_test {

struct Output {
  int status = -1;
  std::string text;  // stdout and stderr together
};

inline Output run(const std::string& arguments) {
  Output output;
  std::string command = std::string(FAULTLINE_BINARY) + " " + arguments + " 2>&1";
  std::FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    output.text.append(buffer, read);
  }
  int status = pclose(pipe);
  output.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return output;
}

}  // namespace faultline::cli_test
