// File: fd_qos.h
// The `fd.qos` checker: quality-of-service figures of the failure detectors of a run, after Chen,
// Toueg and Aguilera, "On the quality of service of failure detectors" (IEEE Transactions on
// Computers 51(5), 2002), section 2 (the primary metrics: detection time T_D, mistake rate
// lambda_M, mistake duration T_M). It observes node.crash / node.restart and the detectors'
// fd.suspect / fd.trust (emitted by the monitor, field target=nK) and never fails a run: it
// reports figures. Definitions, for a cluster of servers n1..nN in which every up server
// monitors every other one:
//  * A monitor q's verdict on p starts as trust at q's (re)start; fd.suspect / fd.trust change it.
//  * Detection time of a crash of p at c: the last instant d >= c, before p restarts or the run
//    ends, at which "every up server other than p suspects p" became true and stayed true
//    (the paper's T_D is to *permanent* suspicion; here the permanence of all monitors at once);
//    T_D = d - c. A crash with no such instant (some up monitor still trusts p at p's restart or
//    at the end, or no monitor is up) is `undetected`.
//  * Mistake: an fd.suspect of p by q while p is up. It lasts (T_M) until q trusts p again, or
//    ends when p crashes (the suspicion became true), q crashes, or the run ends (then it is
//    also counted as open).
//  * Monitoring time: the sum over ordered pairs (q, p), q != p, of the time both were up, in
//    hours ("pair-hours"). Mistake rate = mistakes / monitoring pair-hours.
// Cost per event: O(1) except crashes and restarts, O(N^2) (N is at most a few dozen).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/check/checker.h"

namespace faultline {

class FdQosChecker final : public Checker {
 public:
  static constexpr std::string_view check_name = "fd.qos";

  // The figures, for tests and for figures().
  struct Summary {
    uint64_t crashes = 0;
    uint64_t detected = 0;
    uint64_t undetected = 0;
    int64_t detection_time_sum_ns = 0;
    int64_t detection_time_max_ns = 0;
    uint64_t mistakes = 0;
    uint64_t mistakes_open = 0;  // still suspected at the end of the run
    int64_t mistake_duration_sum_ns = 0;
    int64_t mistake_duration_max_ns = 0;
    __extension__ __int128 monitoring_pair_ns = 0;
    std::vector<std::pair<NodeId, NodeId>> open_mistakes;  // (monitor, target), sorted
  };

  explicit FdQosChecker(uint32_t server_count);

  std::string_view name() const override { return check_name; }
  void observe(const TraceEvent& event) override;
  // The run ended at `end`: open mistakes and crashes are closed there.
  void finish_run(Time end) override;
  // Named figures (see fd_qos.cc for the names), durations as seconds with 9 decimals.
  void figures(std::vector<std::pair<std::string, std::string>>& out) const override;

  // The figures as if the run ended at the last event seen (or at finish_run's time).
  Summary summary() const;

 private:
  struct Crash {
    Time at;
    std::optional<Time> all_suspect_since;
  };

  void on_crash(uint32_t node, Time at);
  void on_restart(uint32_t node, Time at);
  void on_suspect(uint32_t monitor, uint32_t target, Time at);
  void on_trust(uint32_t monitor, uint32_t target, Time at);
  void advance(Time at);
  void close_mistake(uint32_t monitor, uint32_t target, Time at);
  void close_crash(uint32_t node);
  // Whether every up server but `target` suspects it (and at least one is up).
  bool all_suspect(uint32_t target) const;
  void update_detection(uint32_t target, Time at);
  size_t pair(uint32_t monitor, uint32_t target) const { return monitor * stride_ + target; }

  uint32_t server_count_;
  size_t stride_;
  std::vector<bool> up_;                            // by server number (index 0 unused)
  std::vector<bool> suspects_;                      // [monitor * stride + target]
  std::vector<std::optional<Time>> mistake_since_;  // [monitor * stride + target]
  std::vector<uint32_t> suspecting_up_;             // by target: up monitors suspecting it
  std::vector<std::optional<Crash>> crash_;         // by server: the pending crash, while down
  uint32_t up_count_;
  Time last_;
  Summary closed_;  // everything already closed
};

}  // namespace faultline
