// File: temporary_directory.cc
#include "tools/sweep/temporary_directory.h"

#include <fmt/format.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

namespace faultline {

Result<TemporaryDirectory> TemporaryDirectory::create(const std::string& prefix) {
  const char* base = std::getenv("TMPDIR");
  std::string pattern =
      fmt::format("{}/{}-XXXXXX", base != nullptr && base[0] != '\0' ? base : "/tmp", prefix);
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (::mkdtemp(buffer.data()) == nullptr) {
    return Error::make(
        fmt::format("cannot create a temporary directory '{}': {}", pattern, std::strerror(errno)));
  }
  return TemporaryDirectory(std::string(buffer.data()));
}

TemporaryDirectory::TemporaryDirectory(TemporaryDirectory&& other) noexcept
    : path_(std::move(other.path_)) {
  other.path_.clear();
}

TemporaryDirectory::~TemporaryDirectory() {
  if (!path_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
}

}  // namespace faultline
