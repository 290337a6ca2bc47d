// File: atomic_file.h
// An output file that appears whole or not at all: written to "<path>.tmp.<pid>" and renamed
// over <path> by commit(). Destroyed without commit(), it removes the temporary file, so a failed
// or interrupted command never leaves a half-written output under the requested name.
#pragma once

#include <cstdio>
#include <string>

#include "sim/base/result.h"

namespace faultline {

class AtomicFile {
 public:
  // Errors: the temporary file cannot be created (names the path and the system's reason).
  static Result<AtomicFile> open(const std::string& path);
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  AtomicFile(const AtomicFile&) = delete;
  ~AtomicFile();

  std::FILE* stream() { return stream_; }
  // Flushes, closes and renames into place. Errors: write or rename failure.
  Status commit();

 private:
  AtomicFile(std::string path, std::string temporary_path, std::FILE* stream);
  std::string path_;
  std::string temporary_path_;
  std::FILE* stream_ = nullptr;
};

}  // namespace faultline
