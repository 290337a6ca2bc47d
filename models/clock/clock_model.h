// File: clock_model.h
// A server's local clock as a policy (DESIGN.md "models/"): an offset, a constant drift in parts
// per million and step jumps, mapping global simulated time to the node's local time and back.
// It schedules nothing; sim/cluster arms timers at the global time this model names. Owns the
// invariants that both directions are exact integer arithmetic (no floating point), that local
// time never runs backwards between jumps, and that global_at_local is the exact inverse: the
// earliest global time at which local time reaches a deadline.
#pragma once

#include <cstdint>
#include <map>
#include <optional>

#include "sim/base/node_id.h"
#include "sim/base/rng.h"
#include "sim/base/time.h"

namespace faultline {

// Explicit values for one server; each replaces the random draw of that quantity.
struct ClockOverride {
  std::optional<Duration> offset;    // may be negative
  std::optional<int64_t> drift_ppm;  // may be negative
};

// The `clocks` section of a scenario. All zero (the default) gives identity clocks.
struct ClockConfig {
  static constexpr int64_t drift_ppm_limit = 100'000;

  Duration offset_max = Duration{0};  // initial offset uniform in [-max, max]
  int64_t drift_ppm_max = 0;          // drift uniform integer in [-max, max] ppm
  std::map<NodeId, ClockOverride> nodes;
};

// One local clock. Piecewise linear in global time: from the anchor (global g0, local l0) on,
//   local(g) = l0 + floor((g - g0) * (1e6 + drift_ppm) / 1e6)
// with 128-bit intermediates. A jump re-anchors at the current global time. The default clock is
// the identity (local == global) and costs one branch.
class ClockModel {
 public:
  static constexpr int64_t ppm_scale = 1'000'000;

  ClockModel() = default;
  // Local time starts at `offset` at global time 0; |drift_ppm| < 1e6 so the clock runs forward.
  ClockModel(Duration offset, int64_t drift_ppm);

  // Local time at global time `global` (>= the last jump's global time).
  Time local(Time global) const {
    if (identity_) {
      return global;
    }
    return local_slow(global);
  }
  // The earliest global time >= now_global at which local time is >= local_deadline (now_global
  // itself when the deadline has passed). Exact: ceiling of the inverse of local().
  Time global_at_local(Time local_deadline, Time now_global) const {
    if (identity_) {
      return local_deadline > now_global ? local_deadline : now_global;
    }
    return global_at_local_slow(local_deadline, now_global);
  }
  // Local time never leaves [-local_limit, local_limit] (about 31.7 years either way), so that
  // any number of jumps, each within the scenario's 10000h, cannot overflow int64 arithmetic.
  static constexpr int64_t local_limit = 1'000'000'000'000'000'000;
  // Steps local time by `by` (either sign) at global time `now_global`; the drift continues. A
  // step that would leave [-local_limit, local_limit] is cut short at the limit. Returns the step
  // actually taken.
  Duration jump(Duration by, Time now_global);

  bool is_identity() const { return identity_; }
  int64_t drift_ppm() const { return drift_ppm_; }
  Duration initial_offset() const { return initial_offset_; }

 private:
  Time local_slow(Time global) const;
  Time global_at_local_slow(Time local_deadline, Time now_global) const;
  void update_identity() { identity_ = drift_ppm_ == 0 && anchor_local_ == anchor_global_; }

  Time anchor_global_ = Time::zero();
  Time anchor_local_ = Time::zero();
  int64_t drift_ppm_ = 0;
  Duration initial_offset_ = Duration{0};
  bool identity_ = true;
};

// The clock of server `server_number` under `config`. Draws from stream ("clock", number): first
// the offset (only if offset_max > 0), then the drift (only if drift_ppm_max > 0), each with
// Rng::uniform_signed (Boost uniform_int); an override then replaces the drawn value, so overriding
// one quantity never shifts the other's draw.
ClockModel make_clock(const ClockConfig& config, uint32_t server_number, const RngStreams& streams);

}  // namespace faultline
