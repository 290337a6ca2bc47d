// File: worker_pool.h
// Runs tasks in forked worker processes, at most `jobs` at once: crash isolation for seed sweeps
// (DESIGN.md "Scaling out"). Each child runs one task in-process, writes its answer to a pipe
// and _exit()s; a child that dies by a signal (abort, a failed FL_CHECK, a sanitizer report,
// SIGSEGV) or exits with another status is reported as such, with the tail of its stderr, and the
// pool goes on. Owns the invariants that no child outlives run() and that SIGINT / SIGTERM stop
// it cleanly: no new child is forked, every running one is killed and reaped, and run() returns
// interrupted. The caller must be single-threaded (fork copies only the calling thread).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "sim/base/result.h"

namespace faultline {

struct WorkerOutcome {
  enum class Kind { answered, signaled, exited };
  // answered: the child exited with status 0 after writing `answer`. signaled: killed by
  // `signal_number`. exited: another status (`exit_status`), or status 0 with no answer.
  Kind kind = Kind::answered;
  std::string answer;
  int signal_number = 0;
  int exit_status = 0;
  std::vector<std::string> stderr_tail;  // its last stderr lines (at most stderr_tail_lines)
  double wall_seconds = 0;               // from fork to reaping
};

// The stderr lines a crash report keeps.
inline constexpr size_t stderr_tail_lines = 20;

struct WorkerPoolCallbacks {
  // Runs in the child: the answer to write back. It may abort or crash; it must not return to
  // the caller's loop (run() _exit()s the child after it).
  std::function<std::string(size_t task)> work;
  // Runs in the parent, in completion order, for every task that ended (not for tasks killed by
  // an interrupt).
  std::function<void(size_t task, WorkerOutcome outcome)> done;
  // Runs in the parent after each completion and at least every tick_ms while children run.
  std::function<void()> tick;
};

enum class PoolEnd { finished, interrupted };

// Runs tasks 0..task_count-1 in order of index, `jobs` (>= 1) at once. Errors: fork or pipe
// failing with no child running to wait for.
Result<PoolEnd> run_worker_pool(size_t task_count, size_t jobs,
                                const WorkerPoolCallbacks& callbacks, int tick_ms = 1000);

// "SIGABRT" for SIGABRT, "signal 42" for one without a name.
std::string signal_name(int signal_number);

// The number of cores this process may use (at least 1): the default --jobs.
size_t available_cores();

}  // namespace faultline
