// File: linearizability_models_test.cc
// The checker on hand-written histories of each model, with exact verdicts and exact minimal
// failing sets: stale reads, compare-and-set (successful, definitely failed, indeterminate),
// indeterminate writes that take effect late or never, per-key splitting of kv histories, the
// mutex, --initial, equal times as concurrency, the state limit, and determinism.
#include <catch2/catch.hpp>

#include "sim/base/history.h"
#include "sim/check/linearizability/from_history.h"
#include "sim/check/linearizability/history_generator.h"
#include "sim/check/linearizability/minimal_set.h"
#include "sim/check/linearizability/observation.h"
#include "tests/linearizability_test_history.h"

using namespace faultline::linearizability;
using namespace faultline::linearizability::testing;

TEST_CASE("register: sequential reads see the latest write", "[linearizability]") {
  CHECK(check({write(0, 0, 1, "1"), read(1, 2, 3, "1"), write(0, 4, 5, "2"), read(1, 6, 7, "2")},
              ModelKind::cas_register)
            .verdict == Verdict::linearizable);
  CHECK(check({read(0, 0, 1, std::nullopt)}, ModelKind::cas_register).verdict ==
        Verdict::linearizable);
  CHECK(check({}, ModelKind::cas_register).verdict == Verdict::linearizable);
}

TEST_CASE("register: a stale read is caught with the writes it needs", "[linearizability]") {
  // w1 then w2 then a read of 1: each operation is needed (w1 goes with its reader).
  CheckResult result = check({write(0, 0, 1, "1"), write(1, 2, 3, "2"), read(2, 4, 5, "1")},
                             ModelKind::cas_register);
  REQUIRE(result.verdict == Verdict::not_linearizable);
  CHECK(result.key.empty());
  CHECK(result.minimal);
  CHECK(calls_of(result) == std::vector<int64_t>{0, 2, 4});
}

TEST_CASE("register: the minimal set leaves out operations that do not matter",
          "[linearizability]") {
  // Reads and writes of other values around a stale read; only w3, w4 and the read of 3 matter.
  OperationHistory history = {write(0, 0, 1, "1"),  read(1, 2, 3, "1"),    write(0, 10, 11, "3"),
                              read(1, 12, 13, "3"), write(2, 14, 15, "4"), read(1, 16, 17, "4"),
                              read(3, 18, 19, "3"), write(2, 20, 21, "5"), read(1, 22, 23, "5")};
  CheckResult result = check(history, ModelKind::cas_register);
  REQUIRE(result.verdict == Verdict::not_linearizable);
  CHECK(calls_of(result) == std::vector<int64_t>{10, 14, 18});
}

TEST_CASE("register: a value seen then unseen by concurrent reads", "[linearizability]") {
  // The write is still running, but once a read saw 1 a later read cannot see nil.
  OperationHistory history = {write(0, 0, 10, "1"), read(1, 1, 2, "1"),
                              read(2, 3, 4, std::nullopt)};
  CheckResult result = check(history, ModelKind::cas_register);
  REQUIRE(result.verdict == Verdict::not_linearizable);
  CHECK(calls_of(result) == std::vector<int64_t>{0, 1, 3});
  // Reads the other way round are fine: nil before the write took effect, then 1.
  CHECK(check({write(0, 0, 10, "1"), read(1, 1, 2, std::nullopt), read(2, 3, 4, "1")},
              ModelKind::cas_register)
            .verdict == Verdict::linearizable);
}

TEST_CASE("register: compare-and-set, successful and definitely failed", "[linearizability]") {
  CHECK(check({write(0, 0, 1, "1"), cas(1, 2, 3, "1", "2"), read(2, 4, 5, "2")},
              ModelKind::cas_register)
            .verdict == Verdict::linearizable);
  // A cas that succeeded although the value was 2.
  CheckResult wrong_success =
      check({write(0, 0, 1, "2"), cas(1, 2, 3, "1", "3")}, ModelKind::cas_register);
  REQUIRE(wrong_success.verdict == Verdict::not_linearizable);
  CHECK(calls_of(wrong_success) == std::vector<int64_t>{2});  // nothing ever wrote 1
  // A failed compare: at its point the value was not FROM. Here it was 1: not linearizable, and
  // the failed cas alone (value nil, not 1) would be.
  CheckResult failed = check({write(0, 0, 1, "1"), cas(1, 2, 3, "1", "2", OperationStatus::failed)},
                             ModelKind::cas_register);
  REQUIRE(failed.verdict == Verdict::not_linearizable);
  CHECK(calls_of(failed) == std::vector<int64_t>{0, 2});
  CHECK(failed.failing_operations[1].status == OperationStatus::failed);
  CHECK(check({write(0, 0, 1, "2"), cas(1, 2, 3, "1", "2", OperationStatus::failed)},
              ModelKind::cas_register)
            .verdict == Verdict::linearizable);
}

TEST_CASE("register: indeterminate operations take effect late, or never", "[linearizability]") {
  // A timed-out write may take effect long after it was called...
  CHECK(check({write(0, 0, 1, "1"), write(1, 2, std::nullopt, "2"), read(2, 10, 11, "1"),
               read(2, 12, 13, "2")},
              ModelKind::cas_register)
            .verdict == Verdict::linearizable);
  // ... or never.
  CHECK(check({write(0, 0, 1, "1"), write(1, 2, std::nullopt, "2"), read(2, 10, 11, "1")},
              ModelKind::cas_register)
            .verdict == Verdict::linearizable);
  // But only once: after 2 was seen, 1 cannot come back.
  CheckResult result = check({write(0, 0, 1, "1"), write(1, 2, std::nullopt, "2"),
                              read(2, 10, 11, "2"), read(2, 12, 13, "1")},
                             ModelKind::cas_register);
  REQUIRE(result.verdict == Verdict::not_linearizable);
  CHECK(calls_of(result) == std::vector<int64_t>{0, 2, 10, 12});
  CHECK(result.failing_operations[1].ret == open_return);
  // And not before its call.
  CHECK(check({read(2, 0, 1, "2"), write(1, 2, std::nullopt, "2")}, ModelKind::cas_register)
            .verdict == Verdict::not_linearizable);
  // An indeterminate cas may succeed at any point after its call.
  CHECK(check({write(0, 0, 1, "1"), cas(1, 2, std::nullopt, "1", "5"), read(2, 10, 11, "1"),
               read(2, 12, 13, "5")},
              ModelKind::cas_register)
            .verdict == Verdict::linearizable);
}

TEST_CASE("register: --initial sets the starting value", "[linearizability]") {
  OperationHistory history = {read(0, 0, 1, "0")};
  CHECK(check(history, ModelKind::cas_register).verdict == Verdict::not_linearizable);
  CHECK(check(history, ModelKind::cas_register, Value{"0"}).verdict == Verdict::linearizable);
}

TEST_CASE("kv: keys are checked apart, and the failing key is named", "[linearizability]") {
  OperationHistory history = {put(0, "a", 0, 1, "x"),    put(1, "b", 0, 1, "y"),
                              get(2, "a", 2, 3, "x"),    get(3, "b", 2, 3, ""),
                              append(0, "a", 4, 5, "z"), get(2, "a", 6, 7, "xz")};
  CheckResult result = check(history, ModelKind::kv);
  REQUIRE(result.verdict == Verdict::not_linearizable);
  CHECK(result.key == "b");
  CHECK(calls_of(result) == std::vector<int64_t>{0, 2});
  CHECK(result.figures.partitions == 2);
  CHECK(result.figures.operations == 6);
  history[3] = get(3, "b", 2, 3, "y");
  CHECK(check(history, ModelKind::kv).verdict == Verdict::linearizable);
}

TEST_CASE("kv: a read called before the write it returned keeps that write in the minimal set",
          "[linearizability]") {
  // K-01 as the leaderless store produced it (replication-leaderless-k01-quorum-async-repair,
  // seed 21): c2-12 is read, then the older c1-13, then c2-12 again. The first read is called
  // before put c2-12, so a prefix by call that cut the put off failed for a reason of its own (a
  // value nobody wrote) and the "minimal set" was that read alone.
  OperationHistory history = {
      get(3, "k", 1091, 1156, "c2-12"), put(1, "k", 1092, 1148, "c1-13"),
      put(2, "k", 1109, 1193, "c2-12"), get(3, "k", 1157, 1212, "c1-13"),
      get(2, "k", 1223, 1275, "c2-12"),
  };
  CheckResult result = check(history, ModelKind::kv);
  REQUIRE(result.verdict == Verdict::not_linearizable);
  CHECK(calls_of(result) == std::vector<int64_t>{1091, 1092, 1109, 1157, 1223});
  CHECK(result.minimal);
}

TEST_CASE("kv: without appends a put's value explains only equal reads", "[linearizability]") {
  // "c5-47" starts with "c5-4", but with no append on the key it cannot come from put c5-4: the
  // minimal set keeps put c5-47 (replication-leaderless-k01-quorum-async-repair, seed 1, once
  // printed {put c5-4, get -> c5-47}).
  OperationHistory history = {put(5, "k", 0, 1, "c5-4"), put(5, "k", 2, 3, "c5-47"),
                              put(1, "k", 4, 5, "z"), get(2, "k", 6, 7, "c5-47")};
  CheckResult result = check(history, ModelKind::kv);
  REQUIRE(result.verdict == Verdict::not_linearizable);
  CHECK(calls_of(result) == std::vector<int64_t>{2, 4, 6});
}

TEST_CASE("kv: the minimal set keeps every append a get's value was made of", "[linearizability]") {
  // From the review: a get of "ab" after a put of "x" is stale; the set once kept only the append
  // of "a" beside it (a read explained by one of its writers), which fails for a made-up reason.
  OperationHistory history = {append(0, "k", 1, 2, "a"), get(1, "k", 3, 6, "ab"),
                              append(2, "k", 4, 5, "b"), put(0, "k", 7, 8, "x"),
                              get(3, "k", 9, 10, "ab")};
  CheckResult result = check(history, ModelKind::kv);
  REQUIRE(result.verdict == Verdict::not_linearizable);
  CHECK(calls_of(result) == std::vector<int64_t>{1, 4, 7, 9});
}

TEST_CASE("kv: appends concatenate in the order they took effect", "[linearizability]") {
  // Two overlapping appends may land in either order; sequential ones may not.
  CHECK(check({append(0, "k", 0, 5, "x"), append(1, "k", 1, 6, "y"), get(2, "k", 7, 8, "yx")},
              ModelKind::kv)
            .verdict == Verdict::linearizable);
  CheckResult result =
      check({append(0, "k", 0, 1, "x"), append(1, "k", 2, 3, "y"), get(2, "k", 4, 5, "yx")},
            ModelKind::kv);
  REQUIRE(result.verdict == Verdict::not_linearizable);
  CHECK(result.key == "k");
  CHECK(calls_of(result) == std::vector<int64_t>{0, 2, 4});
  // Every key starts empty, or at --initial.
  CHECK(check({get(0, "k", 0, 1, "")}, ModelKind::kv).verdict == Verdict::linearizable);
  CHECK(check({append(0, "k", 0, 1, "x"), get(0, "k", 2, 3, "ax")}, ModelKind::kv, Value{"a"})
            .verdict == Verdict::linearizable);
}

TEST_CASE("mutex: acquire and release", "[linearizability]") {
  CHECK(check({acquire(0, 0, 1), release(0, 2, 3), acquire(1, 4, 5)}, ModelKind::mutex).verdict ==
        Verdict::linearizable);
  // The second acquire overlaps the release: it takes effect after it.
  CHECK(check({acquire(0, 0, 1), acquire(1, 2, 10), release(0, 5, 6)}, ModelKind::mutex).verdict ==
        Verdict::linearizable);
  CheckResult result =
      check({acquire(0, 0, 1), acquire(1, 2, 3), release(0, 4, 5)}, ModelKind::mutex);
  REQUIRE(result.verdict == Verdict::not_linearizable);
  CHECK(calls_of(result) == std::vector<int64_t>{0, 2});
  // An acquire that timed out may never have taken effect.
  CHECK(check({acquire(0, 0, std::nullopt), acquire(1, 2, 3)}, ModelKind::mutex).verdict ==
        Verdict::linearizable);
  CHECK(check({release(0, 0, 1)}, ModelKind::mutex).verdict == Verdict::not_linearizable);
  CHECK(check({release(0, 0, 1)}, ModelKind::mutex, Value{"held"}).verdict ==
        Verdict::linearizable);
}

TEST_CASE("equal times are concurrent: a return at t does not precede a call at t",
          "[linearizability]") {
  CHECK(
      check({write(0, 0, 5, "1"), read(1, 5, 6, std::nullopt)}, ModelKind::cas_register).verdict ==
      Verdict::linearizable);
  CHECK(
      check({write(0, 0, 5, "1"), read(1, 6, 7, std::nullopt)}, ModelKind::cas_register).verdict ==
      Verdict::not_linearizable);
}

TEST_CASE("the state limit gives unknown, never a hang", "[linearizability]") {
  CheckOptions options;
  options.model = ModelKind::cas_register;
  options.max_states = 1;
  CheckResult result =
      check_history({write(0, 0, 1, "1"), write(1, 2, 3, "2"), read(2, 4, 5, "2")}, options);
  CHECK(result.verdict == Verdict::unknown);
  CHECK(result.unknown_reason.find("limit of 1 states") != std::string::npos);
  CHECK(format_result(result, options.model).rfind("verdict: unknown (limit reached)\n", 0) == 0);
  options.max_states = 1000;
  options.max_memo_bytes = 100;
  result = check_history({write(0, 0, 1, "1"), read(2, 4, 5, "1")}, options);
  CHECK(result.verdict == Verdict::unknown);
  CHECK(result.unknown_reason == "key \"\" reached the memo limit of 100 bytes after 1 states");
}

TEST_CASE("format_result: verdict, key, the minimal set with times, figures", "[linearizability]") {
  Operation stale = get(2, "k", 4, 5, "x");
  stale.call_time_ns = 4000;
  stale.return_time_ns = 5000;
  stale.call_line = 7;
  stale.return_line = 9;
  CheckResult result =
      check({put(0, "k", 0, 1, "x"), put(1, "k", 2, 3, "y"), stale}, ModelKind::kv);
  std::string text = format_result(result, ModelKind::kv);
  CHECK(text.rfind("verdict: NOT linearizable\nkey: \"k\"\n"
                   "3 operations that cannot be linearized (minimal):\n"
                   "  process 0 put key \"k\" \"x\" ok, call 0, return 1\n"
                   "  process 1 put key \"k\" \"y\" ok, call 2, return 3\n"
                   "  process 2 get key \"k\" -> \"x\" ok, call 4000ns (line 7), return 5000ns "
                   "(line 9)\n"
                   "figures: model=kv operations=3 partitions=1 states_explored=",
                   0) == 0);
  // The same history gives the same text every time.
  CHECK(format_result(check({put(0, "k", 0, 1, "x"), put(1, "k", 2, 3, "y"), stale}, ModelKind::kv),
                      ModelKind::kv) == text);
}

TEST_CASE("faultline's History converts: failed gets dropped, unknown puts open",
          "[linearizability]") {
  using faultline::HistoryOperation;
  faultline::History history(4);
  history[0] = {faultline::NodeId::client(1),
                1,
                HistoryOperation::Kind::put,
                "k",
                "v1",
                faultline::Time{10},
                faultline::Time{20},
                HistoryOperation::Outcome::ok};
  history[1] = {faultline::NodeId::client(2),
                1,
                HistoryOperation::Kind::put,
                "k",
                "v2",
                faultline::Time{30},
                faultline::Time{40},
                HistoryOperation::Outcome::unknown};
  history[2] = {faultline::NodeId::client(3),
                1,
                HistoryOperation::Kind::get,
                "k",
                "",
                faultline::Time{50},
                faultline::Time{60},
                HistoryOperation::Outcome::fail};
  history[3] = {faultline::NodeId::client(3),
                2,
                HistoryOperation::Kind::get,
                "k",
                "v2",
                faultline::Time{70},
                faultline::Time{80},
                HistoryOperation::Outcome::ok};
  OperationHistory operations = operations_from_history(history);
  REQUIRE(operations.size() == 3);
  CHECK(operations[0].process == 1);
  CHECK(operations[1].status == OperationStatus::indeterminate);
  CHECK(operations[1].ret == open_return);
  CHECK(operations[2].output == Value{"v2"});
  CHECK(check(operations, ModelKind::kv).verdict == Verdict::linearizable);
}

TEST_CASE("generated kv histories are linearizable; one wrong read is caught",
          "[linearizability]") {
  GeneratorConfig config;
  config.operations = 400;
  config.clients = 10;
  config.keys = 3;
  config.seed = 7;
  OperationHistory history = generate_kv_history(config);
  REQUIRE(history.size() == 400);
  CHECK(check(history, ModelKind::kv).verdict == Verdict::linearizable);
  CHECK(generate_kv_history(config).size() == history.size());
  // A get that returns a value never written to its key.
  for (Operation& operation : history) {
    if (operation.function == Function::get && operation.call > history[200].call) {
      operation.output = "never written";
      break;
    }
  }
  CheckResult result = check(history, ModelKind::kv);
  REQUIRE(result.verdict == Verdict::not_linearizable);
  REQUIRE(result.failing_operations.size() == 1);
  CHECK(result.failing_operations[0].output == Value{"never written"});
}

TEST_CASE("drop_group: an operation goes with what only it explains", "[linearizability]") {
  auto group_of = [](const OperationHistory& history, size_t candidate) {
    std::vector<const Operation*> kept;
    for (const Operation& operation : history) {
      kept.push_back(&operation);
    }
    return drop_group(kept, candidate, has_append(kept));
  };
  // Two writes of 1: dropping one leaves the read explained by the other.
  OperationHistory twice = {write(0, 0, 1, "1"), write(1, 2, 3, "1"), read(2, 4, 5, "1")};
  CHECK(group_of(twice, 0) == std::vector<bool>{true, false, false});
  // One write of 1, a cas from 1 to 2, a read of 2: the write takes both with it.
  OperationHistory chain = {write(0, 0, 1, "1"), cas(1, 2, 3, "1", "2"), read(2, 4, 5, "2")};
  CHECK(group_of(chain, 0) == std::vector<bool>{true, true, true});
  CHECK(group_of(chain, 1) == std::vector<bool>{false, true, true});
  // A get of "ab" needs both appends.
  OperationHistory appends = {append(0, "k", 0, 1, "a"), append(1, "k", 2, 3, "b"),
                              get(2, "k", 4, 5, "ab")};
  CHECK(group_of(appends, 0) == std::vector<bool>{true, false, true});
  CHECK(group_of(appends, 1) == std::vector<bool>{false, true, true});
}

TEST_CASE("interchangeable timed-out writes are tried in call order only", "[linearizability]") {
  // Two timed-out writes of 2: one must land before the first read of 2, the other after the
  // write of 1. Symmetry reduction must still find that.
  CHECK(check({write(0, 0, std::nullopt, "2"), write(1, 1, std::nullopt, "2"), read(2, 2, 3, "2"),
               write(3, 4, 5, "1"), read(2, 6, 7, "2")},
              ModelKind::cas_register)
            .verdict == Verdict::linearizable);
  CHECK(check({write(0, 0, std::nullopt, "2"), read(2, 2, 3, "2"), write(3, 4, 5, "1"),
               read(2, 6, 7, "2")},
              ModelKind::cas_register)
            .verdict == Verdict::not_linearizable);
}

TEST_CASE("timed-out writes nobody observed are left out", "[linearizability]") {
  OperationHistory history = {put(0, "k", 0, std::nullopt, "lost"), put(1, "k", 1, 2, "a"),
                              append(2, "k", 3, std::nullopt, "b"), get(3, "k", 4, 5, "a"),
                              put(4, "k", 6, std::nullopt, "c"),    get(3, "k", 7, 8, "cd"),
                              append(4, "k", 7, std::nullopt, "d")};
  CheckResult result = check(history, ModelKind::kv);
  CHECK(result.verdict == Verdict::linearizable);
  CHECK(result.figures.operations == 5);  // "lost" and "b" were never seen
  // A put seen through a later append is observed: "c" then "d".
  history[5] = get(3, "k", 7, 8, "ad");
  CHECK(check(history, ModelKind::kv).verdict == Verdict::linearizable);
  history[5] = get(3, "k", 7, 8, "xd");
  CHECK(check(history, ModelKind::kv).verdict == Verdict::not_linearizable);
}
