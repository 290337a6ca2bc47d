// File: temporary_directory.h
// A directory for a sweep's scratch files (the self-check's traces), under $TMPDIR (or /tmp),
// removed with everything in it when the object goes, also after an interrupt or a worker crash
// (a worker's own files go with the directory).
#pragma once

#include <string>

#include "sim/base/result.h"

namespace faultline {

class TemporaryDirectory {
 public:
  // Errors: the directory cannot be created (naming where).
  static Result<TemporaryDirectory> create(const std::string& prefix);
  TemporaryDirectory(TemporaryDirectory&& other) noexcept;
  TemporaryDirectory& operator=(TemporaryDirectory&&) = delete;
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  ~TemporaryDirectory();

  const std::string& path() const { return path_; }

 private:
  explicit TemporaryDirectory(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

}  // namespace faultline
