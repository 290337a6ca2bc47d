// File: progress.h
// The progress line of a sweep or a test on stderr: seeds done of the total, failures, seeds per
// second and the time left. On a terminal one line rewritten in place with \r; otherwise (a CI
// log, a file) a plain line every few seconds. Wall-clock time is used here only: it never
// reaches results or traces.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace faultline {

class Progress {
 public:
  // `total`: seeds this invocation runs (not those resumed from a file).
  Progress(std::FILE* err, uint64_t total, std::string label);

  void seed_done(bool passed);
  // Prints if a line is due (after a completion or on the pool's tick).
  void tick();
  // The last state, and on a terminal the end of the rewritten line.
  void finish();
  // On a terminal, erases the rewritten line so that other output can start at the left; the
  // next tick draws it again.
  void clear_line();

 private:
  void print(bool final_line);

  using Clock = std::chrono::steady_clock;
  std::FILE* err_;
  bool terminal_;
  uint64_t total_;
  std::string label_;
  uint64_t done_ = 0;
  uint64_t failed_ = 0;
  Clock::time_point start_;
  Clock::time_point last_print_;
};

// "1h02m", "3m05s", "12s": a duration for humans.
std::string format_eta(double seconds);

}  // namespace faultline
