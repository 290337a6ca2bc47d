// File: atomic_file.h
// An output file that appears whole or not at all: written to a temporary file beside the target
// and renamed over it by commit(). Destroyed without commit(), it removes the temporary file; so
// does any signal that ends the process while it is open (an interrupt, a failed FL_CHECK, a
// crash), except SIGKILL, which nothing can catch. A failed or interrupted command never leaves a
// half-written output, under the requested name or beside it.
#pragma once

#include <cstdio>
#include <string>

#include "sim/base/result.h"

namespace faultline {

class AtomicFile {
 public:
  // Checks the target before anything is written: it must be a path to a regular file or to
  // nothing yet (a symbolic link is followed, and the file it names is replaced); never a
  // directory, a device such as /dev/null, or the file at `protected_path` (the input).
  // Errors: empty path, not a regular file, same file as the input, the temporary file cannot be
  // created; each names the path and the reason.
  static Result<AtomicFile> open(const std::string& path, const std::string& protected_path = "");
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  AtomicFile(const AtomicFile&) = delete;
  ~AtomicFile();

  std::FILE* stream() { return stream_; }
  // Flushes, closes and renames into place. Errors: write or rename failure.
  Status commit();

 private:
  AtomicFile(std::string path, std::string temporary_path, std::FILE* stream);
  std::string path_;            // the resolved target
  std::string temporary_path_;  // beside it, in the same directory (so rename is atomic)
  std::FILE* stream_ = nullptr;
};

// In a child process just forked (tools/sweep/worker_pool.h): forgets the parent's open
// temporaries, so that a signal ending the child does not remove files the parent still writes.
// Async-signal-safe.
void forget_atomic_temporaries_after_fork();

}  // namespace faultline
