// File: checker.cc
// The Checker base: first-violation bookkeeping.
#include "sim/check/checker.h"

#include <utility>

namespace faultline {

Checker::~Checker() = default;

void Checker::report(Violation violation) {
  if (!violation_) {
    violation_ = std::move(violation);
  }
}

}  // namespace faultline
