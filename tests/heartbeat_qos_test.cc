// File: heartbeat_qos_test.cc
// The fd.qos checker (sim/check/fd_qos.h) on synthetic traces: detection time per crash, crashes
// never detected, mistakes and their durations, monitoring pair-time and the printed figures.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "sim/check/fd_qos.h"

namespace faultline {
namespace {

TraceEvent at_ms(TraceEvent event, int64_t ms, uint32_t node) {
  event.time = Time{ms * 1'000'000};
  event.node = NodeId::server(node);
  return event;
}
TraceEvent suspect(int64_t ms, uint32_t monitor, const char* target) {
  return at_ms(TraceEvent("fd", "suspect", {{"target", target}}), ms, monitor);
}
TraceEvent trust(int64_t ms, uint32_t monitor, const char* target) {
  return at_ms(TraceEvent("fd", "trust", {{"target", target}}), ms, monitor);
}
TraceEvent crash(int64_t ms, uint32_t node) {
  return at_ms(TraceEvent("node", "crash"), ms, node);
}
TraceEvent restart(int64_t ms, uint32_t node) {
  return at_ms(TraceEvent("node", "restart"), ms, node);
}

using Figures = std::vector<std::pair<std::string, std::string>>;

Figures figures_of(const FdQosChecker& checker) {
  Figures out;
  checker.figures(out);
  return out;
}

TEST_CASE("fd.qos: detection time is crash to suspicion by every live monitor", "[heartbeat]") {
  FdQosChecker checker(3);
  checker.observe(crash(1000, 3));
  checker.observe(suspect(1300, 1, "n3"));
  CHECK(checker.summary().detected == 0);  // n2 still trusts n3
  checker.observe(suspect(1450, 2, "n3"));
  checker.observe(restart(3000, 3));
  FdQosChecker::Summary summary = checker.summary();
  CHECK(summary.crashes == 1);
  CHECK(summary.detected == 1);
  CHECK(summary.detection_time_max_ns == 450'000'000);
  CHECK(summary.mistakes == 0);
  // A crash that n1 detects but n2 never does before the end.
  checker.observe(crash(4000, 1));
  checker.observe(suspect(4200, 3, "n1"));
  checker.finish_run(Time{5'000'000'000});
  summary = checker.summary();
  CHECK(summary.crashes == 2);
  CHECK(summary.detected == 1);
  CHECK(summary.undetected == 1);
}

TEST_CASE("fd.qos: a late trust after the crash postpones detection", "[heartbeat]") {
  FdQosChecker checker(3);
  checker.observe(crash(1000, 3));
  checker.observe(suspect(1300, 1, "n3"));
  checker.observe(suspect(1310, 2, "n3"));
  checker.observe(trust(1500, 2, "n3"));  // a heartbeat held by a clog arrives late
  checker.observe(suspect(1800, 2, "n3"));
  checker.finish_run(Time{2'000'000'000});
  CHECK(checker.summary().detection_time_max_ns == 800'000'000);
  CHECK(checker.summary().mistakes == 0);  // suspecting a crashed node is never a mistake
}

TEST_CASE("fd.qos: a crashed monitor no longer counts; a restarted one must suspect again",
          "[heartbeat]") {
  FdQosChecker checker(3);
  checker.observe(crash(1000, 3));
  checker.observe(suspect(1300, 1, "n3"));
  checker.observe(crash(1400, 2));  // the last trusting monitor goes: n3's crash is detected
  checker.observe(restart(1600, 2));
  checker.observe(suspect(1900, 2, "n3"));
  checker.finish_run(Time{2'000'000'000});
  FdQosChecker::Summary summary = checker.summary();
  CHECK(summary.crashes == 2);
  // n3: detected at 1400ms, undone by n2's restart (it trusts n3 afresh), for good at 1900ms.
  // n2: restarted before n1 suspected it.
  CHECK(summary.detected == 1);
  CHECK(summary.undetected == 1);
  CHECK(summary.detection_time_max_ns == 900'000'000);
}

TEST_CASE("fd.qos: mistakes, their durations and the rate per monitoring pair-hour",
          "[heartbeat]") {
  FdQosChecker checker(3);
  checker.observe(suspect(1000, 1, "n2"));
  checker.observe(trust(1250, 1, "n2"));
  checker.observe(suspect(2000, 3, "n2"));
  checker.observe(suspect(2000, 3, "n2"));  // repeated: one mistake
  checker.observe(trust(2100, 3, "n2"));
  checker.observe(suspect(5000, 1, "n3"));  // open at the end
  checker.finish_run(Time{6'000'000'000});
  FdQosChecker::Summary summary = checker.summary();
  CHECK(summary.mistakes == 3);
  CHECK(summary.mistakes_open == 1);
  CHECK(summary.mistake_duration_max_ns == 1'000'000'000);
  CHECK(summary.mistake_duration_sum_ns == 1'350'000'000);
  CHECK(summary.monitoring_pair_ns == 6 * int64_t{6'000'000'000});  // 6 pairs for 6s
  // 3 mistakes in 36 pair-seconds = 0.01 pair-hours: 300 per pair-hour.
  CHECK(figures_of(checker) == Figures{{"crashes", "0"},
                                       {"crashes_undetected", "0"},
                                       {"detection_time_mean", "-"},
                                       {"detection_time_max", "-"},
                                       {"mistakes", "3"},
                                       {"mistakes_open", "1"},
                                       {"mistakes_open_pairs", "n1->n3"},
                                       {"mistake_rate_per_pair_hour", "300.000"},
                                       {"mistake_duration_mean", "0.450000000s"},
                                       {"mistake_duration_max", "1.000000000s"},
                                       {"monitoring_pair_hours", "0.010"}});
}

TEST_CASE("fd.qos: a suspicion ongoing at the crash ends the mistake there", "[heartbeat]") {
  FdQosChecker checker(2);
  checker.observe(suspect(1000, 1, "n2"));
  checker.observe(crash(1200, 2));
  checker.finish_run(Time{2'000'000'000});
  FdQosChecker::Summary summary = checker.summary();
  CHECK(summary.mistakes == 1);
  CHECK(summary.mistakes_open == 0);
  CHECK(summary.mistake_duration_max_ns == 200'000'000);
  CHECK(summary.detected == 1);
  CHECK(summary.detection_time_max_ns == 0);  // already suspected by its only monitor
  // Pairs: (n1,n2),(n2,n1) for 1.2s, then none (one server up).
  CHECK(summary.monitoring_pair_ns == 2 * int64_t{1'200'000'000});
}

}  // namespace
}  // namespace faultline
