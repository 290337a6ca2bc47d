// File: check_test_events.h
// Builders of synthetic Raft trace events for the checker tests: each returns the TraceEvent the
// Raft emitter would publish (component, name, fields in the documented order), stamped with a
// global time in milliseconds and a server number.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "sim/base/trace.h"
#include "sim/check/checker.h"

namespace faultline::check_test {

inline Time ms(int64_t milliseconds) {
  return Time{milliseconds * 1'000'000};
}

inline TraceEvent stamped(TraceEvent event, int64_t milliseconds, uint32_t node) {
  event.time = ms(milliseconds);
  event.node = NodeId::server(node);
  return event;
}

inline TraceEvent become_follower(int64_t t, uint32_t node, int64_t term) {
  return stamped(TraceEvent("raft", "become_follower", {{"term", term}}), t, node);
}
inline TraceEvent become_candidate(int64_t t, uint32_t node, int64_t term) {
  return stamped(TraceEvent("raft", "become_candidate", {{"term", term}}), t, node);
}
inline TraceEvent become_leader(int64_t t, uint32_t node, int64_t term) {
  return stamped(TraceEvent("raft", "become_leader", {{"term", term}}), t, node);
}
inline TraceEvent recover(int64_t t, uint32_t node, int64_t term, int64_t log_length) {
  return stamped(TraceEvent("raft", "recover", {{"term", term}, {"log_length", log_length}}), t,
                 node);
}
inline TraceEvent append(int64_t t, uint32_t node, int64_t index, int64_t term, int64_t digest) {
  return stamped(
      TraceEvent("raft", "log_append", {{"index", index}, {"term", term}, {"digest", digest}}), t,
      node);
}
inline TraceEvent truncate(int64_t t, uint32_t node, int64_t from) {
  return stamped(TraceEvent("raft", "log_truncate", {{"from", from}}), t, node);
}
inline TraceEvent commit(int64_t t, uint32_t node, int64_t index, int64_t term) {
  return stamped(TraceEvent("raft", "commit", {{"index", index}, {"term", term}}), t, node);
}
inline TraceEvent apply(int64_t t, uint32_t node, int64_t index, int64_t term, int64_t digest) {
  return stamped(
      TraceEvent("raft", "apply", {{"index", index}, {"term", term}, {"digest", digest}}), t, node);
}
inline TraceEvent crash(int64_t t, uint32_t node) {
  return stamped(TraceEvent("node", "crash"), t, node);
}
inline TraceEvent restart(int64_t t, uint32_t node) {
  return stamped(TraceEvent("node", "restart"), t, node);
}
// An event every checker must ignore (network traffic).
inline TraceEvent noise(int64_t t, uint32_t node) {
  return stamped(TraceEvent("net", "deliver", {{"from", int64_t{1}}, {"bytes", int64_t{64}}}), t,
                 node);
}

// Appends the same entries (term, digest by index from 1) to `node`'s log at time t.
inline void append_log(std::vector<TraceEvent>& events, int64_t t, uint32_t node,
                       std::initializer_list<std::pair<int64_t, int64_t>> entries) {
  int64_t index = 1;
  for (const auto& [term, digest] : entries) {
    events.push_back(append(t, node, index++, term, digest));
  }
}

// Feeds `events` in order; returns how many were fed before the checker fired (all if it did not).
inline size_t feed(Checker& checker, const std::vector<TraceEvent>& events) {
  size_t fed = 0;
  for (const TraceEvent& event : events) {
    checker.observe(event);
    ++fed;
    if (checker.fired()) {
      break;
    }
  }
  return fed;
}

// Figure 8 of Ongaro & Ousterhout 2014 (section 5.4.2) as trace events, following
// reference-scenarios.md R-03: steps (a), (b), (c) and branch (d), with five servers n1..n5.
// Digests are 10 * term + index. With `commit_by_counting`, n1 in step (c) commits and applies
// index 2 (term 2) once it is on n1, n2, n3: the bug of counting old-term replicas.
inline std::vector<TraceEvent> figure8(bool commit_by_counting) {
  std::vector<TraceEvent> events;
  // Term 1: n1 leads, index 1 is committed and applied everywhere.
  events.push_back(become_candidate(10, 1, 1));
  events.push_back(become_leader(20, 1, 1));
  for (uint32_t node = 1; node <= 5; ++node) {
    events.push_back(append(30, node, 1, 1, 11));
  }
  for (uint32_t node = 1; node <= 5; ++node) {
    events.push_back(commit(40, node, 1, 1));
    events.push_back(apply(40, node, 1, 1, 11));
  }
  // (a) n1 leads term 2, index 2 reaches n2 only.
  events.push_back(become_leader(100, 1, 2));
  events.push_back(append(110, 1, 2, 2, 22));
  events.push_back(append(120, 2, 2, 2, 22));
  // (b) n1 crashes; n5 wins term 3 and appends a different index 2.
  events.push_back(crash(200, 1));
  events.push_back(become_candidate(290, 5, 3));
  events.push_back(become_leader(300, 5, 3));
  events.push_back(append(310, 5, 2, 3, 32));
  // (c) n5 crashes; n1 restarts, recovers [1, 2], wins term 4; index 2 reaches n3; n1 appends 3.
  events.push_back(crash(400, 5));
  events.push_back(restart(410, 1));
  events.push_back(recover(410, 1, 2, 2));
  events.push_back(append(410, 1, 1, 1, 11));
  events.push_back(append(410, 1, 2, 2, 22));
  events.push_back(become_leader(500, 1, 4));
  events.push_back(append(510, 3, 2, 2, 22));
  events.push_back(append(515, 1, 3, 4, 43));
  if (commit_by_counting) {
    events.push_back(commit(520, 1, 2, 2));
    events.push_back(apply(520, 1, 2, 2, 22));
  }
  // (d) n1 crashes before index 3 spreads; n5 restarts, recovers [1, 3], wins term 5 and
  // overwrites index 2 on n2, n3, n4.
  events.push_back(crash(600, 1));
  events.push_back(restart(610, 5));
  events.push_back(recover(610, 5, 3, 2));
  events.push_back(append(610, 5, 1, 1, 11));
  events.push_back(append(610, 5, 2, 3, 32));
  events.push_back(become_leader(700, 5, 5));
  events.push_back(append(710, 5, 3, 5, 53));
  for (uint32_t node = 2; node <= 4; ++node) {
    if (node != 4) {
      events.push_back(truncate(720, node, 2));
    }
    events.push_back(append(720, node, 2, 3, 32));
    events.push_back(append(720, node, 3, 5, 53));
  }
  for (uint32_t node : {5u, 2u, 3u, 4u}) {
    events.push_back(commit(750, node, 3, 5));
    events.push_back(apply(760, node, 2, 3, 32));
    events.push_back(apply(760, node, 3, 5, 53));
  }
  return events;
}

}  // namespace faultline::check_test
