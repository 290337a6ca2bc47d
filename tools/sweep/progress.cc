// File: progress.cc
#include "tools/sweep/progress.h"

#include <fmt/format.h>
#include <unistd.h>
#include <cmath>

namespace faultline {
namespace {

constexpr auto terminal_interval = std::chrono::milliseconds(200);
constexpr auto log_interval = std::chrono::seconds(5);

}  // namespace

std::string format_eta(double seconds) {
  auto whole = static_cast<uint64_t>(std::ceil(std::max(seconds, 0.0)));
  if (whole >= 3600) {
    return fmt::format("{}h{:02}m", whole / 3600, whole % 3600 / 60);
  }
  if (whole >= 60) {
    return fmt::format("{}m{:02}s", whole / 60, whole % 60);
  }
  return fmt::format("{}s", whole);
}

Progress::Progress(std::FILE* err, uint64_t total, std::string label)
    : err_(err),
      terminal_(::isatty(::fileno(err)) == 1),
      total_(total),
      label_(std::move(label)),
      start_(Clock::now()),
      last_print_(start_) {}

void Progress::seed_done(bool passed) {
  ++done_;
  failed_ += passed ? 0 : 1;
}

void Progress::tick() {
  Clock::time_point now = Clock::now();
  if (now - last_print_ >= (terminal_ ? terminal_interval : log_interval)) {
    print(false);
  }
}

void Progress::finish() {
  if (terminal_ || done_ > 0) {
    print(true);
  }
}

void Progress::clear_line() {
  if (terminal_) {
    fmt::print(err_, "\r\033[K");
    std::fflush(err_);
    last_print_ = Clock::time_point{};  // due again at the next tick
  }
}

void Progress::print(bool final_line) {
  last_print_ = Clock::now();
  double elapsed = std::chrono::duration<double>(last_print_ - start_).count();
  double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0.0;
  std::string left = done_ == total_ ? "done"
                     : rate > 0      ? "about " + format_eta((total_ - done_) / rate) + " left"
                                     : "time left unknown";
  std::string text = fmt::format("{}: {}/{} seeds, {} failing, {:.1f} seeds/s, {}", label_, done_,
                                 total_, failed_, rate, left);
  if (terminal_) {
    fmt::print(err_, "\r\033[K{}{}", text, final_line ? "\n" : "");
  } else {
    fmt::print(err_, "{}\n", text);
  }
  std::fflush(err_);
}

}  // namespace faultline
