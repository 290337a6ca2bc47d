// File: atomic_file.cc
#include "tools/atomic_file.h"

#include <fmt/format.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>

namespace faultline {

AtomicFile::AtomicFile(std::string path, std::string temporary_path, std::FILE* stream)
    : path_(std::move(path)), temporary_path_(std::move(temporary_path)), stream_(stream) {}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : path_(std::move(other.path_)),
      temporary_path_(std::move(other.temporary_path_)),
      stream_(other.stream_) {
  other.stream_ = nullptr;
  other.temporary_path_.clear();
}

Result<AtomicFile> AtomicFile::open(const std::string& path) {
  std::string temporary_path = fmt::format("{}.tmp.{}", path, ::getpid());
  std::FILE* stream = std::fopen(temporary_path.c_str(), "wb");
  if (stream == nullptr) {
    Error error = Error::make(fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
    error.file = path;
    return error;
  }
  // A large buffer: trace files are written line by line on the hot path.
  std::setvbuf(stream, nullptr, _IOFBF, 1 << 20);
  return AtomicFile(path, temporary_path, stream);
}

AtomicFile::~AtomicFile() {
  if (stream_ != nullptr) {
    std::fclose(stream_);
  }
  if (!temporary_path_.empty()) {
    std::remove(temporary_path_.c_str());
  }
}

Status AtomicFile::commit() {
  bool write_failed = std::fflush(stream_) != 0 || std::ferror(stream_) != 0;
  write_failed = std::fclose(stream_) != 0 || write_failed;
  stream_ = nullptr;
  if (write_failed) {
    return Error::make(fmt::format("writing '{}' failed: {}", path_, std::strerror(errno)));
  }
  if (std::rename(temporary_path_.c_str(), path_.c_str()) != 0) {
    return Error::make(fmt::format("cannot rename into '{}': {}", path_, std::strerror(errno)));
  }
  temporary_path_.clear();
  return std::nullopt;
}

}  // namespace faultline
