// File: linearizability_bench.h
// `faultline bench linearizability`: the checker's time and memory on every labelled case
// history (../shared/cases/linearizability: the etcd register logs and the kv EDN files) and on a
// generated kv history (10,000 operations, 50 clients by default). Wall-clock time is measured
// here and only here: it is a benchmark, and no verdict depends on it.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

namespace faultline {

struct LinearizabilityBenchOptions {
  std::string cases_dir = "../shared/cases/linearizability";
  uint64_t operations = 10'000;
  uint64_t clients = 50;
  uint64_t keys = 10;
  uint64_t seed = 1;
  std::optional<std::string> write_history;  // also write the generated history (JSON) here
};

// Exit 0 when every case gives its labelled verdict and the generated history is linearizable,
// 1 otherwise, 2 when the cases cannot be read.
int bench_linearizability(const LinearizabilityBenchOptions& options, std::FILE* out,
                          std::FILE* err);

}  // namespace faultline
