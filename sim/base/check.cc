// File: check.cc
// The failure path of FL_CHECK and the per-thread diagnostic context.
#include "sim/base/check.h"

#include <cstdio>
#include <cstdlib>

namespace faultline {
namespace {
thread_local CheckContext* active_context = nullptr;
}  // namespace

ScopedCheckContext::ScopedCheckContext(CheckContext* context) : previous_(active_context) {
  active_context = context;
}

ScopedCheckContext::~ScopedCheckContext() {
  active_context = previous_;
}

CheckContext* current_check_context() {
  return active_context;
}

void check_failed(const char* condition, const char* file, int line, const std::string& message) {
  std::fprintf(stderr, "FL_CHECK failed: %s\n  at %s:%d\n  %s\n", condition, file, line,
               message.c_str());
  if (active_context != nullptr) {
    long long now_ns = active_context->now_ns ? *active_context->now_ns : -1;
    unsigned node = active_context->node_id ? *active_context->node_id : 0;
    // Same naming as NodeId::name(), without depending on it from here.
    std::string node_name = node == 0           ? "-"
                            : node > (1u << 20) ? fmt::format("c{}", node - (1u << 20))
                                                : fmt::format("n{}", node);
    std::fprintf(stderr, "  seed=%llu simulated_time_ns=%lld node=%s\n",
                 static_cast<unsigned long long>(active_context->seed), now_ns, node_name.c_str());
  }
  std::fflush(stderr);
  std::abort();
}

}  // namespace faultline
