// File: atomic_file.cc
// Validation of the target, the temporary file, and its removal on signals. The signal handler
// uses only async-signal-safe calls (unlink, signal, raise) on a fixed buffer.
#include "tools/atomic_file.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include "sim/base/check.h"

namespace faultline {
namespace {

// The temporary files that a signal must remove: one per output open at once (`run --trace F
// --history H` has two). Fixed slots, so that the handler touches no allocator; this is process
// state in tools/, never reached by the simulation.
constexpr size_t max_pending_temporaries = 4;
char pending_temporary_paths[max_pending_temporaries][PATH_MAX + 16] = {};

extern "C" void remove_temporary_and_reraise(int signal_number) {
  for (char* path : pending_temporary_paths) {
    if (path[0] != '\0') {
      ::unlink(path);
    }
  }
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

void track_temporary(const std::string& path) {
  char* free_slot = nullptr;
  for (char* slot : pending_temporary_paths) {
    if (slot[0] == '\0') {
      free_slot = slot;
      break;
    }
  }
  FL_CHECK(free_slot != nullptr, "more than {} output files open at once", max_pending_temporaries);
  std::snprintf(free_slot, PATH_MAX + 16, "%s", path.c_str());
  // Every signal whose default action ends the process: interrupts, and real crashes too.
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2,
                            SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) {
    std::signal(signal_number, remove_temporary_and_reraise);
  }
}

void untrack_temporary(const std::string& path) {
  for (char* slot : pending_temporary_paths) {
    if (path == slot) {
      slot[0] = '\0';
    }
  }
}

Error file_error(const std::string& path, const std::string& message) {
  Error error = Error::make(message);
  error.file = path;
  return error;
}

bool same_file(const std::string& left, const std::string& right) {
  struct stat left_status {};
  struct stat right_status {};
  return ::stat(left.c_str(), &left_status) == 0 && ::stat(right.c_str(), &right_status) == 0 &&
         left_status.st_dev == right_status.st_dev && left_status.st_ino == right_status.st_ino;
}

// Resolves `path` to the file to replace: the target of a symbolic link, or `path` itself.
Result<std::string> resolve_target(const std::string& path) {
  if (path.empty()) {
    return Error::make("output path is empty");
  }
  struct stat status {};
  if (::lstat(path.c_str(), &status) != 0) {
    return path;  // nothing there yet: the directory is checked when the temporary is created
  }
  std::string target = path;
  if (S_ISLNK(status.st_mode)) {
    char resolved[PATH_MAX];
    if (::realpath(path.c_str(), resolved) == nullptr) {
      return file_error(path,
                        fmt::format("cannot follow link '{}': {}", path, std::strerror(errno)));
    }
    target = resolved;
    if (::stat(target.c_str(), &status) != 0) {
      return target;
    }
  }
  if (!S_ISREG(status.st_mode)) {
    return file_error(
        path, fmt::format("refusing to write '{}': it exists and is not a regular file", path));
  }
  return target;
}

}  // namespace

void forget_atomic_temporaries_after_fork() {
  for (char* slot : pending_temporary_paths) {
    slot[0] = '\0';
  }
}

AtomicFile::AtomicFile(std::string path, std::string temporary_path, std::FILE* stream)
    : path_(std::move(path)), temporary_path_(std::move(temporary_path)), stream_(stream) {}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : path_(std::move(other.path_)),
      temporary_path_(std::move(other.temporary_path_)),
      stream_(other.stream_) {
  other.stream_ = nullptr;
  other.temporary_path_.clear();
}

Result<AtomicFile> AtomicFile::open(const std::string& path, const std::string& protected_path) {
  Result<std::string> target = resolve_target(path);
  if (!target.ok()) {
    return target.error();
  }
  if (!protected_path.empty() && same_file(*target, protected_path)) {
    return file_error(path, fmt::format("refusing to write '{}': it is the input file", path));
  }
  // Beside the target, so that the final rename stays within one file system.
  std::string temporary_path = fmt::format("{}.tmp.{}", *target, ::getpid());
  std::FILE* stream = std::fopen(temporary_path.c_str(), "wbx");
  if (stream == nullptr) {
    return file_error(path, fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
  }
  // A large buffer: trace files are written line by line on the hot path.
  std::setvbuf(stream, nullptr, _IOFBF, 1 << 20);
  track_temporary(temporary_path);
  return AtomicFile(*target, temporary_path, stream);
}

AtomicFile::~AtomicFile() {
  if (stream_ != nullptr) {
    std::fclose(stream_);
  }
  if (!temporary_path_.empty()) {
    std::remove(temporary_path_.c_str());
    untrack_temporary(temporary_path_);
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
  untrack_temporary(temporary_path_);
  temporary_path_.clear();
  return std::nullopt;
}

}  // namespace faultline
