// File: replication_checkers_test.cc
// The replication checkers over hand-built trace events: one primary per epoch (replication and
// Raft namespaces), no lost acknowledged write from the client history (including reads that
// look stale but are legal because a write was concurrent), state agreement, and the leaderless
// store's convergence after heal.
#include <catch2/catch.hpp>

#include <vector>

#include "check_test_events.h"
#include "sim/check/replication_convergence.h"
#include "sim/check/replication_no_lost_write.h"
#include "sim/check/replication_one_primary.h"
#include "sim/check/replication_state_agreement.h"

namespace {

using faultline::NodeId;
using faultline::TraceEvent;
using faultline::check_test::feed;
using faultline::check_test::ms;
using faultline::check_test::stamped;

TraceEvent become_primary(int64_t t, uint32_t node, int64_t epoch) {
  return stamped(TraceEvent("replication", "become_primary", {{"epoch", epoch}}), t, node);
}

TraceEvent on_client(TraceEvent event, int64_t t, uint32_t client) {
  event.time = ms(t);
  event.node = NodeId::client(client);
  return event;
}
TraceEvent invoke_put(int64_t t, uint32_t client, int64_t id, const char* key, const char* value) {
  return on_client(
      TraceEvent("client", "invoke", {{"id", id}, {"op", "put"}, {"key", key}, {"value", value}}),
      t, client);
}
TraceEvent invoke_get(int64_t t, uint32_t client, int64_t id, const char* key) {
  return on_client(
      TraceEvent("client", "invoke", {{"id", id}, {"op", "get"}, {"key", key}, {"value", ""}}), t,
      client);
}
TraceEvent ok(int64_t t, uint32_t client, int64_t id, const char* value = "") {
  return on_client(TraceEvent("client", "ok", {{"id", id}, {"latency_ns", 1}, {"value", value}}), t,
                   client);
}
TraceEvent unknown(int64_t t, uint32_t client, int64_t id) {
  return on_client(TraceEvent("client", "unknown", {{"id", id}, {"latency_ns", 1}, {"value", ""}}),
                   t, client);
}
TraceEvent apply(int64_t t, uint32_t node, int64_t index, int64_t digest) {
  return stamped(TraceEvent("replication", "apply", {{"index", index}, {"digest", digest}}), t,
                 node);
}

}  // namespace

TEST_CASE("one primary per epoch", "[replication][check]") {
  faultline::OnePrimaryPerEpochChecker checker;
  SECTION("distinct epochs, and the same node announcing twice, pass") {
    std::vector<TraceEvent> events = {become_primary(10, 1, 1), become_primary(20, 1, 1),
                                      become_primary(30, 3, 3), become_primary(40, 2, 2)};
    feed(checker, events);
    CHECK_FALSE(checker.fired());
  }
  SECTION("two primaries of one epoch fire") {
    std::vector<TraceEvent> events = {become_primary(10, 1, 2), become_primary(20, 3, 2)};
    CHECK(feed(checker, events) == 2);
    REQUIRE(checker.fired());
    CHECK(checker.violation()->node == NodeId::server(3));
    CHECK(checker.violation()->message == "epoch 2 has two primaries: n1 (at 0.010000000s) and n3");
  }
  SECTION("raft terms are epochs of their own namespace") {
    std::vector<TraceEvent> events = {become_primary(10, 1, 2),
                                      faultline::check_test::become_leader(20, 3, 2)};
    feed(checker, events);
    CHECK_FALSE(checker.fired());
    checker.observe(faultline::check_test::become_leader(30, 4, 2));
    CHECK(checker.fired());
  }
  SECTION("paxos ballots too") {
    auto paxos_leader = [](int64_t t, uint32_t node, int64_t ballot) {
      return stamped(TraceEvent("paxos", "become_leader", {{"ballot", ballot}}), t, node);
    };
    std::vector<TraceEvent> events = {become_primary(10, 1, 257), paxos_leader(20, 2, 257),
                                      paxos_leader(30, 2, 257)};
    feed(checker, events);
    CHECK_FALSE(checker.fired());
    checker.observe(paxos_leader(40, 3, 257));
    REQUIRE(checker.fired());
    CHECK(checker.violation()->message ==
          "ballot 257 has two primaries: n2 (at 0.020000000s) and n3");
  }
}

TEST_CASE("no lost write", "[replication][check]") {
  faultline::NoLostWriteChecker checker;
  SECTION("reading the latest acknowledged write passes") {
    std::vector<TraceEvent> events = {invoke_put(0, 1, 1, "x", "c1-1"),  ok(10, 1, 1),
                                      invoke_put(20, 1, 2, "x", "c1-2"), ok(30, 1, 2),
                                      invoke_get(40, 2, 1, "x"),         ok(50, 2, 1, "c1-2")};
    feed(checker, events);
    CHECK_FALSE(checker.fired());
  }
  SECTION("reading an older acknowledged write fires") {
    std::vector<TraceEvent> events = {invoke_put(0, 1, 1, "x", "c1-1"),  ok(10, 1, 1),
                                      invoke_put(20, 1, 2, "x", "c1-2"), ok(30, 1, 2),
                                      invoke_get(40, 2, 1, "x"),         ok(50, 2, 1, "c1-1")};
    CHECK(feed(checker, events) == 6);
    REQUIRE(checker.fired());
    CHECK(checker.violation()->node == NodeId::client(2));
    CHECK(checker.violation()->message ==
          "get x (id 1, invoked at 0.040000000s) returned 'c1-1' (put by c1, acknowledged at "
          "0.010000000s), but put x='c1-2' by c1 (invoked at 0.020000000s) was acknowledged at "
          "0.030000000s, before the get began: the acknowledged write was lost");
  }
  SECTION("reading the initial value after an acknowledged write fires") {
    std::vector<TraceEvent> events = {invoke_put(0, 1, 1, "x", "c1-1"), ok(10, 1, 1),
                                      invoke_get(40, 2, 1, "x"), ok(50, 2, 1, "")};
    feed(checker, events);
    CHECK(checker.fired());
  }
  SECTION("a write concurrent with the newer one makes the older-looking read legal") {
    // c3's put overlaps c1's second put, so it may be linearized after it.
    std::vector<TraceEvent> events = {
        invoke_put(0, 1, 1, "x", "c1-1"),  ok(10, 1, 1),        invoke_put(15, 3, 1, "x", "c3-1"),
        invoke_put(20, 1, 2, "x", "c1-2"), ok(30, 1, 2),        ok(35, 3, 1),
        invoke_get(40, 2, 1, "x"),         ok(50, 2, 1, "c3-1")};
    feed(checker, events);
    CHECK_FALSE(checker.fired());
  }
  SECTION("a get concurrent with the newer write may still read the older one") {
    std::vector<TraceEvent> events = {
        invoke_put(0, 1, 1, "x", "c1-1"), ok(10, 1, 1), invoke_put(20, 1, 2, "x", "c1-2"),
        invoke_get(25, 2, 1, "x"),        ok(30, 1, 2), ok(50, 2, 1, "c1-1")};
    feed(checker, events);
    CHECK_FALSE(checker.fired());
  }
  SECTION("a put of unknown outcome is concurrent with everything after it") {
    std::vector<TraceEvent> events = {invoke_put(0, 1, 1, "x", "c1-1"),  unknown(10, 1, 1),
                                      invoke_put(20, 3, 1, "x", "c3-1"), ok(30, 3, 1),
                                      invoke_get(40, 2, 1, "x"),         ok(50, 2, 1, "c1-1")};
    feed(checker, events);
    CHECK_FALSE(checker.fired());
  }
  SECTION("another key's writes do not matter") {
    std::vector<TraceEvent> events = {invoke_put(0, 1, 1, "y", "c1-1"), ok(10, 1, 1),
                                      invoke_get(40, 2, 1, "x"), ok(50, 2, 1, "")};
    feed(checker, events);
    CHECK_FALSE(checker.fired());
  }
}

TEST_CASE("state agreement", "[replication][check]") {
  faultline::StateAgreementChecker checker;
  SECTION("the same digest at an index on every replica passes") {
    std::vector<TraceEvent> events = {apply(10, 1, 1, 77), apply(11, 2, 1, 77), apply(12, 2, 2, 5),
                                      apply(13, 1, 2, 5)};
    feed(checker, events);
    CHECK_FALSE(checker.fired());
  }
  SECTION("different digests at one index fire") {
    std::vector<TraceEvent> events = {apply(10, 1, 1, 77), apply(11, 2, 1, 78)};
    CHECK(feed(checker, events) == 2);
    REQUIRE(checker.fired());
    CHECK(checker.violation()->message ==
          "index 1 applied with digest 77 on n1 (at 0.010000000s) and 78 on n2");
  }
}

namespace {

TraceEvent store(int64_t t, uint32_t node, const char* key, int64_t ts, const char* value) {
  return stamped(TraceEvent("leaderless", "store",
                            {{"key", key},
                             {"ts", ts},
                             {"writer", int64_t{1}},
                             {"value", value},
                             {"replicas", "n1,n2,n3"},
                             {"source", "write"}}),
                 t, node);
}
TraceEvent leaderless_recover(int64_t t, uint32_t node) {
  return stamped(TraceEvent("leaderless", "recover", {{"keys", int64_t{0}}}), t, node);
}
TraceEvent expect_convergence(int64_t t, int64_t within_ms) {
  TraceEvent event("phase", "expect", {{"converge_within", within_ms * 1'000'000}});
  event.time = faultline::check_test::ms(t);
  return event;
}
TraceEvent phase_start(int64_t t) {
  TraceEvent event("phase", "start", {{"name", "next"}});
  event.time = faultline::check_test::ms(t);
  return event;
}

}  // namespace

TEST_CASE("convergence after heal", "[replication][leaderless][check]") {
  faultline::ConvergenceChecker checker;
  std::vector<TraceEvent> started = {leaderless_recover(0, 1), leaderless_recover(0, 2),
                                     leaderless_recover(0, 3)};
  feed(checker, started);
  SECTION("every replica catching up before the deadline passes") {
    std::vector<TraceEvent> events = {
        store(10, 1, "x", 5, "a"),  store(10, 2, "x", 5, "a"),  expect_convergence(100, 50),
        store(120, 3, "x", 5, "a"), store(130, 1, "y", 6, "b"), store(140, 2, "y", 6, "b"),
        store(170, 3, "y", 7, "c"), store(175, 1, "y", 7, "c"), store(176, 2, "y", 7, "c")};
    feed(checker, events);
    checker.finish_run(faultline::check_test::ms(500));
    CHECK_FALSE(checker.fired());
  }
  SECTION("a replica still behind at the deadline fires, naming the key and both versions") {
    std::vector<TraceEvent> events = {store(10, 1, "x", 5, "a"), store(10, 2, "x", 5, "a"),
                                      store(20, 3, "x", 4, "old"), expect_convergence(100, 50),
                                      store(151, 1, "z", 1, "q")};
    CHECK(feed(checker, events) == 5);
    REQUIRE(checker.fired());
    CHECK(checker.violation()->at == faultline::check_test::ms(150));
    CHECK(checker.violation()->message ==
          "key x: replica n3 holds ts=4 writer=n1 value=old at 0.150000000s, but n1 held ts=5 "
          "writer=n1 value=a since 0.100000000s (converge_within 50ms)");
  }
  SECTION("a down replica is not judged; once it recovers, its recovered state is") {
    std::vector<TraceEvent> events = {store(10, 1, "x", 5, "a"), store(10, 2, "x", 5, "a"),
                                      stamped(TraceEvent("node", "crash"), 20, 3),
                                      expect_convergence(100, 50)};
    feed(checker, events);
    checker.finish_run(faultline::check_test::ms(140));
    CHECK_FALSE(checker.fired());
    std::vector<TraceEvent> later = {leaderless_recover(145, 3)};
    feed(checker, later);
    checker.finish_run(faultline::check_test::ms(151));
    CHECK(checker.fired());
  }
  SECTION("before the expectation nothing is judged, and the next phase drops what is not due") {
    std::vector<TraceEvent> events = {store(10, 1, "x", 5, "a"),    expect_convergence(100, 50),
                                      store(101, 2, "x", 5, "a"),   store(102, 3, "x", 5, "a"),
                                      store(130, 1, "x", 9, "new"), phase_start(140),
                                      store(500, 1, "w", 1, "v")};
    feed(checker, events);
    checker.finish_run(faultline::check_test::ms(1000));
    CHECK_FALSE(checker.fired());
  }
}
