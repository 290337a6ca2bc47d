// File: test_command.h
// `faultline test DIR [--junit FILE] [--jobs N]`: runs every *.yaml of DIR (sorted by name) on its
// listed seeds (the scenario's `seeds` key, default its `seed`) in worker processes
// (tools/sweep/worker_pool.h: a crash is an <error>, not the end), a negative scenario passing
// when its expected check fires. One line per scenario, a summary, and JUnit XML written
// atomically. Exit 0 all passed, 1 a run failed or crashed, 2 bad input (a bad scenario file is
// named and becomes an <error> test case; the other scenarios still run), 130 interrupted.
#pragma once

#include <cstdio>
#include <optional>
#include <string>

namespace faultline {

struct TestCommandOptions {
  std::string dir;
  std::optional<std::string> junit_path;
  std::optional<size_t> jobs;  // default: the cores available
  std::string program = "faultline";
};

int test_command(const TestCommandOptions& options, std::FILE* out, std::FILE* err);

}  // namespace faultline
