// File: worker_pool.cc
// fork(), two pipes per child (its answer and its stderr), poll() over them and over a self-pipe
// that the SIGINT / SIGTERM handler writes to, so an interrupt wakes the loop at once. The signal
// handler only sets a flag and writes one byte (async-signal-safe).
#include "tools/sweep/worker_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>

#include <fmt/format.h>

#include "tools/atomic_file.h"

namespace faultline {
namespace {

using Clock = std::chrono::steady_clock;

// Process state of the parent while a pool runs (tools/ only; never reached by a simulation).
volatile std::sig_atomic_t interrupt_requested = 0;
int interrupt_pipe[2] = {-1, -1};

extern "C" void note_interrupt(int /*signal_number*/) {
  interrupt_requested = 1;
  int saved_errno = errno;
  [[maybe_unused]] ssize_t written = ::write(interrupt_pipe[1], "!", 1);
  errno = saved_errno;
}

constexpr int interrupt_signals[] = {SIGINT, SIGTERM};

// Installs the interrupt handler for the life of one pool and restores what was there before.
class InterruptScope {
 public:
  InterruptScope() {
    interrupt_requested = 0;
    if (::pipe2(interrupt_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
      interrupt_pipe[0] = interrupt_pipe[1] = -1;
    }
    struct sigaction action {};
    action.sa_handler = note_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: poll() returns EINTR
    for (size_t i = 0; i < std::size(interrupt_signals); ++i) {
      ::sigaction(interrupt_signals[i], &action, &previous_[i]);
    }
  }
  ~InterruptScope() {
    for (size_t i = 0; i < std::size(interrupt_signals); ++i) {
      ::sigaction(interrupt_signals[i], &previous_[i], nullptr);
    }
    for (int& fd : interrupt_pipe) {
      if (fd >= 0) {
        ::close(fd);
        fd = -1;
      }
    }
  }
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

 private:
  struct sigaction previous_[std::size(interrupt_signals)]{};
};

struct RunningChild {
  pid_t pid = -1;
  size_t task = 0;
  int answer_fd = -1;
  int stderr_fd = -1;
  std::string answer;
  std::string stderr_text;  // its last max_stderr_bytes bytes
  Clock::time_point start;
};

constexpr size_t max_stderr_bytes = 64 * 1024;

void write_all(int fd, const std::string& text) {
  size_t offset = 0;
  while (offset < text.size()) {
    ssize_t written = ::write(fd, text.data() + offset, text.size() - offset);
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written <= 0) {
      return;  // the parent is gone: nobody to tell
    }
    offset += static_cast<size_t>(written);
  }
}

// The child's side: never returns.
[[noreturn]] void run_child(size_t task, int answer_fd, int stderr_fd,
                            const WorkerPoolCallbacks& callbacks) {
  // The parent's output temporaries are the parent's: a crash here must not remove them.
  forget_atomic_temporaries_after_fork();
  for (int signal_number : interrupt_signals) {
    std::signal(signal_number, SIG_DFL);
  }
  ::close(interrupt_pipe[0]);
  ::close(interrupt_pipe[1]);
  ::dup2(stderr_fd, STDERR_FILENO);
  ::close(stderr_fd);
  std::string answer = callbacks.work(task);
  write_all(answer_fd, answer);
  ::close(answer_fd);
  ::_exit(0);
}

std::vector<std::string> last_lines(const std::string& text, size_t count) {
  std::vector<std::string> lines;
  size_t end = text.size();
  if (end > 0 && text[end - 1] == '\n') {
    --end;
  }
  while (end > 0 && lines.size() < count) {
    size_t newline = text.rfind('\n', end - 1);
    size_t begin = newline == std::string::npos ? 0 : newline + 1;
    lines.insert(lines.begin(), text.substr(begin, end - begin));
    if (newline == std::string::npos) {
      break;
    }
    end = newline;
  }
  return lines;
}

WorkerOutcome reap(RunningChild& child) {
  int status = 0;
  while (::waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
  }
  WorkerOutcome outcome;
  outcome.wall_seconds = std::chrono::duration<double>(Clock::now() - child.start).count();
  outcome.stderr_tail = last_lines(child.stderr_text, stderr_tail_lines);
  if (WIFSIGNALED(status)) {
    outcome.kind = WorkerOutcome::Kind::signaled;
    outcome.signal_number = WTERMSIG(status);
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !child.answer.empty()) {
    outcome.kind = WorkerOutcome::Kind::answered;
    outcome.answer = std::move(child.answer);
  } else {
    outcome.kind = WorkerOutcome::Kind::exited;
    outcome.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  return outcome;
}

// Reads what is there on one of the child's pipes; closes it at end of file.
void drain(int& fd, std::string& into, size_t keep_bytes) {
  char buffer[16384];
  ssize_t got = ::read(fd, buffer, sizeof buffer);
  if (got < 0 && errno == EINTR) {
    return;
  }
  if (got <= 0) {
    ::close(fd);
    fd = -1;
    return;
  }
  into.append(buffer, static_cast<size_t>(got));
  if (into.size() > keep_bytes) {
    into.erase(0, into.size() - keep_bytes);
  }
}

// Forks one child for `task`. Errors carry errno's text.
Result<RunningChild> spawn(size_t task, const std::vector<RunningChild>& running,
                           const WorkerPoolCallbacks& callbacks) {
  int answer_pipe[2];
  int stderr_pipe[2];
  if (::pipe2(answer_pipe, O_CLOEXEC) != 0) {
    return Error::make(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
  }
  if (::pipe2(stderr_pipe, O_CLOEXEC) != 0) {
    int saved = errno;
    ::close(answer_pipe[0]);
    ::close(answer_pipe[1]);
    return Error::make(fmt::format("cannot create a pipe: {}", std::strerror(saved)));
  }
  // Buffered output written before the fork must not be written again by the child.
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = ::fork();
  if (pid < 0) {
    int saved = errno;
    for (int fd : {answer_pipe[0], answer_pipe[1], stderr_pipe[0], stderr_pipe[1]}) {
      ::close(fd);
    }
    return Error::make(fmt::format("cannot start a worker process: {}", std::strerror(saved)));
  }
  if (pid == 0) {
    for (const RunningChild& other : running) {
      ::close(other.answer_fd);
      ::close(other.stderr_fd);
    }
    ::close(answer_pipe[0]);
    ::close(stderr_pipe[0]);
    run_child(task, answer_pipe[1], stderr_pipe[1], callbacks);
  }
  ::close(answer_pipe[1]);
  ::close(stderr_pipe[1]);
  RunningChild child;
  child.pid = pid;
  child.task = task;
  child.answer_fd = answer_pipe[0];
  child.stderr_fd = stderr_pipe[0];
  child.start = Clock::now();
  return child;
}

void kill_all(std::vector<RunningChild>& running) {
  for (RunningChild& child : running) {
    ::kill(child.pid, SIGKILL);
  }
  for (RunningChild& child : running) {
    int status = 0;
    while (::waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
    }
    for (int fd : {child.answer_fd, child.stderr_fd}) {
      if (fd >= 0) {
        ::close(fd);
      }
    }
  }
  running.clear();
}

// One poll() over the interrupt pipe and every open child pipe; reads what is ready.
void wait_for_output(std::vector<RunningChild>& running, int tick_ms) {
  std::vector<pollfd> fds;
  fds.push_back({interrupt_pipe[0], POLLIN, 0});
  for (const RunningChild& child : running) {
    for (int fd : {child.answer_fd, child.stderr_fd}) {
      if (fd >= 0) {
        fds.push_back({fd, POLLIN, 0});
      }
    }
  }
  int ready = ::poll(fds.data(), fds.size(), tick_ms);
  if (ready <= 0) {
    return;  // timeout or EINTR: the caller looks at the interrupt flag and ticks
  }
  for (RunningChild& child : running) {
    for (const pollfd& entry : fds) {
      if (entry.revents == 0) {
        continue;
      }
      if (entry.fd == child.answer_fd) {
        drain(child.answer_fd, child.answer, std::string::npos);
      } else if (entry.fd == child.stderr_fd) {
        drain(child.stderr_fd, child.stderr_text, max_stderr_bytes);
      }
    }
  }
}

}  // namespace

Result<PoolEnd> run_worker_pool(size_t task_count, size_t jobs,
                                const WorkerPoolCallbacks& callbacks, int tick_ms) {
  InterruptScope interrupt_scope;
  std::vector<RunningChild> running;
  size_t next_task = 0;
  while (next_task < task_count || !running.empty()) {
    if (interrupt_requested) {
      kill_all(running);
      return PoolEnd::interrupted;
    }
    while (running.size() < jobs && next_task < task_count) {
      Result<RunningChild> child = spawn(next_task, running, callbacks);
      if (!child) {
        if (running.empty()) {
          return child.error();
        }
        break;  // out of processes or memory for now: wait for one to end and try again
      }
      running.push_back(std::move(*child));
      ++next_task;
    }
    wait_for_output(running, tick_ms);
    if (interrupt_requested) {
      continue;
    }
    for (size_t i = 0; i < running.size();) {
      RunningChild& child = running[i];
      if (child.answer_fd >= 0 || child.stderr_fd >= 0) {
        ++i;
        continue;
      }
      size_t task = child.task;
      WorkerOutcome outcome = reap(child);
      running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
      callbacks.done(task, std::move(outcome));
    }
    if (callbacks.tick) {
      callbacks.tick();
    }
  }
  return PoolEnd::finished;
}

std::string signal_name(int signal_number) {
  const char* abbreviation = ::sigabbrev_np(signal_number);
  if (abbreviation == nullptr) {
    return fmt::format("signal {}", signal_number);
  }
  return fmt::format("SIG{}", abbreviation);
}

size_t available_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) {
    int count = CPU_COUNT(&set);
    if (count > 0) {
      return static_cast<size_t>(count);
    }
  }
  long online = ::sysconf(_SC_NPROCESSORS_ONLN);
  return online > 0 ? static_cast<size_t>(online) : 1;
}

}  // namespace faultline
