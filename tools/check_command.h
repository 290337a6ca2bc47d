// File: check_command.h
// `faultline check HISTORY --model register|kv|mutex [--format jepsen-log|edn|json]
// [--initial VALUE] [--max-states N] [--max-memo-mb N]`: reads a client history and prints whether
// it is linearizable, with a minimal failing set when it is not, and the cost figures. Exit 0
// linearizable, 1 not linearizable, 2 bad input or usage, 3 unknown (the state limit was reached).
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

namespace faultline {

struct CheckCommandOptions {
  std::string history_path;
  std::string model;                   // register, kv, mutex
  std::optional<std::string> format;   // jepsen-log, edn, json; absent: detected
  std::optional<std::string> initial;  // the model's starting value; "nil" is absent
  uint64_t max_states = 20'000'000;
  uint64_t max_memo_mb = 1024;
};

// Exit status of `faultline check` when the search hit --max-states or --max-memo-mb.
inline constexpr int check_exit_unknown = 3;

int check_command(const CheckCommandOptions& options, std::FILE* out, std::FILE* err);

}  // namespace faultline
