// File: results_file.cc
#include "tools/sweep/results_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "tools/atomic_file.h"

namespace faultline {

Result<ResultsFile> read_results_file(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    return Error{fmt::format("cannot read the results file: {}", std::strerror(errno)), path, 0,
                 ""};
  }
  std::stringstream buffer;
  buffer << stream.rdbuf();
  if (stream.bad()) {
    return Error{"cannot read the results file", path, 0, ""};
  }
  std::string text = buffer.str();
  ResultsFile file;
  int line_number = 0;
  for (size_t begin = 0; begin < text.size();) {
    ++line_number;
    size_t newline = text.find('\n', begin);
    bool last = newline == std::string::npos;
    std::string line = text.substr(begin, last ? std::string::npos : newline - begin);
    begin = last ? text.size() : newline + 1;
    Result<ResultRecord> record = parse_result_line(line);
    if (!record) {
      if (last) {
        // Cut short by an interrupt or a crash while it was written: the seed runs again.
        file.dropped_torn_line = true;
        break;
      }
      return Error{fmt::format("not a sweep result line: {}", record.error().message), path,
                   line_number, ""};
    }
    file.records.push_back(std::move(*record));
  }
  return file;
}

Result<ResultsAppender> ResultsAppender::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Error{fmt::format("cannot write the results file: {}", std::strerror(errno)), path, 0,
                 ""};
  }
  return ResultsAppender(path, fd);
}

ResultsAppender::ResultsAppender(ResultsAppender&& other) noexcept
    : path_(std::move(other.path_)), fd_(other.fd_) {
  other.fd_ = -1;
}

ResultsAppender::~ResultsAppender() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

Status ResultsAppender::append(const ResultLine& line) {
  std::string text = format_result_line(line) + "\n";
  size_t offset = 0;
  while (offset < text.size()) {
    ssize_t written = ::write(fd_, text.data() + offset, text.size() - offset);
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written <= 0) {
      return Error{fmt::format("writing the results file failed: {}", std::strerror(errno)), path_,
                   0, ""};
    }
    offset += static_cast<size_t>(written);
  }
  return std::nullopt;
}

Status write_results_file(const std::string& path, const std::vector<ResultRecord>& records,
                          const std::string& protected_path) {
  Result<AtomicFile> file = AtomicFile::open(path, protected_path);
  if (!file) {
    return file.error();
  }
  for (const ResultRecord& record : records) {
    std::string text = format_result_line(record.line) + "\n";
    std::fwrite(text.data(), 1, text.size(), file->stream());
  }
  return file->commit();
}

}  // namespace faultline
