// File: results_file.h
// The sweep's results file (JSON Lines of result_line.h): read back for --resume and `sweep
// merge`, appended one flushed line per finished seed while a sweep runs (an interrupt loses
// nothing already done), and rewritten sorted by seed, atomically, when it ends. Owns the rule
// for a torn file: only its last line may be cut short (the process died while writing it), and
// that line is dropped; a bad line anywhere else is an error naming the file and line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/base/result.h"
#include "tools/sweep/result_line.h"

namespace faultline {

struct ResultsFile {
  std::vector<ResultRecord> records;  // in file order
  bool dropped_torn_line = false;     // the last line was cut short and is not in `records`
};

// Errors: the file cannot be read; a line (other than a torn last one) that is not a result
// line ("FILE:LINE: ..."). A missing file is an error too: callers check existence first.
Result<ResultsFile> read_results_file(const std::string& path);

// Appends lines with one write(2) each: no user-space buffer, so a line is on its way to the
// file when append() returns, and a forked worker inherits nothing to write twice.
class ResultsAppender {
 public:
  // Opens `path` for appending, creating it if needed. Errors name the path.
  static Result<ResultsAppender> open(const std::string& path);
  ResultsAppender(ResultsAppender&& other) noexcept;
  ResultsAppender& operator=(ResultsAppender&&) = delete;
  ResultsAppender(const ResultsAppender&) = delete;
  ~ResultsAppender();

  // Errors: the write failed (disk full, ...), naming the path.
  Status append(const ResultLine& line);

 private:
  ResultsAppender(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_ = -1;
};

// Writes `records` (in the given order), one line each, to `path` atomically (AtomicFile);
// `protected_path` is the input that must never be overwritten (the scenario).
Status write_results_file(const std::string& path, const std::vector<ResultRecord>& records,
                          const std::string& protected_path = "");

}  // namespace faultline
