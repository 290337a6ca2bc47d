// File: check.h
// Always-on assertions for programmer errors (STYLE.md 5, 6). FL_CHECK never vanishes in release
// builds: -O0 and -O2 check the same things. On failure it prints the message, the source line and
// the current simulation context (seed, simulated time, node) and aborts.
#pragma once

#include <fmt/format.h>
#include <cstdint>
#include <string>

namespace faultline {

// What FL_CHECK prints about the run it fired in. The runner installs one per run (thread-local so
// two simulations in two threads of one test binary do not mix their reports); it holds no
// behaviour, only diagnostics.
struct CheckContext {
  uint64_t seed = 0;
  const int64_t* now_ns = nullptr;    // the simulator's clock, read only when a check fails
  const uint32_t* node_id = nullptr;  // NodeId::value of the node executing, 0 when none
};

// Installs `context` for the current thread until the returned guard is destroyed.
class ScopedCheckContext {
 public:
  explicit ScopedCheckContext(CheckContext* context);
  ~ScopedCheckContext();
  ScopedCheckContext(const ScopedCheckContext&) = delete;
  ScopedCheckContext& operator=(const ScopedCheckContext&) = delete;

 private:
  CheckContext* previous_;
};

CheckContext* current_check_context();

[[noreturn]] void check_failed(const char* condition, const char* file, int line,
                               const std::string& message);

}  // namespace faultline

#define FL_CHECK(condition, ...)                                                             \
  do {                                                                                       \
    if (__builtin_expect(!(condition), 0)) {                                                 \
      ::faultline::check_failed(#condition, __FILE__, __LINE__, ::fmt::format(__VA_ARGS__)); \
    }                                                                                        \
  } while (0)

#define FL_CHECK_EQ(left, right) \
  FL_CHECK((left) == (right), "{} == {}: {} vs {}", #left, #right, (left), (right))
