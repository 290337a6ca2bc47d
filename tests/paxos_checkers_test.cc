// File: paxos_checkers_test.cc
// paxos.agreement and paxos.validity ("Paxos Made Simple" section 2; protocol-bugs.md B21) over
// synthetic paxos.* events in the form protocols/paxos publishes them (README.md there).
#include <catch2/catch.hpp>

#include <string_view>
#include <vector>

#include "sim/check/paxos_agreement.h"
#include "sim/check/paxos_validity.h"
#include "tests/check_test_events.h"

namespace faultline {
namespace {

using namespace check_test;

// Ballots as traced: round * 256 + proposer.
constexpr int64_t b4 = 1 * 256 + 1;  // r1.n1, B21's "4"
constexpr int64_t b5 = 1 * 256 + 2;  // r1.n2, "5"
constexpr int64_t b6 = 1 * 256 + 3;  // r1.n3, "6"

TraceEvent accepted(int64_t t, uint32_t node, int64_t slot, int64_t ballot,
                    std::string_view value) {
  return stamped(TraceEvent("paxos", "accepted",
                            {{"slot", slot}, {"ballot", ballot}, {"value", value}, {"from", "n1"}}),
                 t, node);
}
TraceEvent learn(int64_t t, uint32_t node, int64_t slot, std::string_view value) {
  return stamped(TraceEvent("paxos", "learn", {{"slot", slot}, {"value", value}}), t, node);
}
TraceEvent propose(int64_t t, uint32_t node, int64_t slot, int64_t ballot, std::string_view value) {
  return stamped(
      TraceEvent("paxos", "propose", {{"slot", slot}, {"ballot", ballot}, {"value", value}}), t,
      node);
}

TEST_CASE("paxos.agreement passes B21 with the correct acceptor", "[check][paxos]") {
  // v chosen at ballot 5 (n1, n3); P6 re-proposes v, chosen again at ballot 6 (n2, n3).
  PaxosAgreementChecker checker(3);
  std::vector<TraceEvent> events = {accepted(10, 1, 1, b5, "v"),
                                    accepted(11, 3, 1, b5, "v"),
                                    learn(12, 1, 1, "v"),
                                    learn(12, 2, 1, "v"),
                                    noise(13, 2),
                                    accepted(20, 2, 1, b6, "v"),
                                    accepted(21, 3, 1, b6, "v"),
                                    learn(22, 3, 1, "v"),
                                    learn(23, 1, 1, "v")};
  REQUIRE(feed(checker, events) == events.size());
  CHECK_FALSE(checker.fired());
}

TEST_CASE("paxos.agreement: a minority accepting another value chooses nothing", "[check][paxos]") {
  PaxosAgreementChecker checker(5);
  std::vector<TraceEvent> events = {accepted(10, 1, 1, b4, "x"), accepted(11, 2, 1, b4, "x"),
                                    accepted(12, 3, 1, b5, "y"), accepted(13, 4, 1, b5, "y"),
                                    accepted(14, 5, 1, b5, "y"), accepted(15, 1, 2, b4, "x"),
                                    accepted(16, 2, 2, b4, "x"), accepted(17, 3, 2, b4, "x")};
  REQUIRE(feed(checker, events) == events.size());
  CHECK_FALSE(checker.fired());
}

TEST_CASE("paxos.agreement fires when a learner learns a value no majority accepted",
          "[check][paxos]") {
  // Section 2.3: learning from a minority (here 1 of 3 acceptances) is not learning a chosen
  // value, even if no other learner disagrees.
  PaxosAgreementChecker checker(3);
  std::vector<TraceEvent> events = {accepted(1100, 1, 1, b5, "y"), learn(1200, 2, 1, "y"),
                                    accepted(1300, 3, 1, b5, "y")};
  REQUIRE(feed(checker, events) == 2);
  const Violation& violation = *checker.violation();
  CHECK(violation.check == "paxos.agreement");
  CHECK(violation.at == ms(1200));
  CHECK(violation.node == NodeId::server(2));
  CHECK(violation.message ==
        "slot 1: n2 learned y, which no majority of the 3 acceptors accepted in one ballot");
}

TEST_CASE("paxos.agreement fires when a learner learns a second value for a slot",
          "[check][paxos]") {
  // y is chosen (n1, n3 at ballot 5) and learned; then n2 learns x, which only n2 accepted.
  PaxosAgreementChecker checker(3);
  std::vector<TraceEvent> events = {accepted(10, 1, 1, b5, "y"), accepted(10, 3, 1, b5, "y"),
                                    learn(11, 2, 1, "y"), accepted(15, 2, 1, b6, "x"),
                                    learn(20, 2, 1, "x")};
  REQUIRE(feed(checker, events) == 5);
  CHECK(checker.violation()->message ==
        "slot 1: n2 learned x, which no majority of the 3 acceptors accepted in one ballot");
}

TEST_CASE("paxos.agreement audit: B21's two chosen values fire without any learner",
          "[check][paxos]") {
  // Step 3: v accepted on A and C at ballot 5 (chosen). Step 4: C accepts (4, w). Step 5: w
  // accepted on B and C at ballot 6: chosen too.
  PaxosAgreementChecker checker(3);
  std::vector<TraceEvent> events = {accepted(10, 1, 1, b5, "v"), accepted(11, 3, 1, b5, "v"),
                                    accepted(20, 3, 1, b4, "w"), accepted(30, 2, 1, b6, "w"),
                                    accepted(31, 3, 1, b6, "w"), accepted(32, 1, 1, b6, "w")};
  REQUIRE(feed(checker, events) == 5);
  const Violation& violation = *checker.violation();
  CHECK(violation.at == ms(31));
  CHECK(violation.node == NodeId::server(3));
  CHECK(violation.message ==
        "slot 1: two values chosen: v by a majority at ballot r1.n2 (at 0.011000000s) and w by a "
        "majority at ballot r1.n3");
}

TEST_CASE("paxos.agreement fires on two values in one ballot", "[check][paxos]") {
  PaxosAgreementChecker checker(3);
  std::vector<TraceEvent> events = {accepted(10, 1, 1, b4, "x"), accepted(11, 2, 1, b4, "y")};
  REQUIRE(feed(checker, events) == 2);
  CHECK(checker.violation()->message ==
        "slot 1 ballot r1.n1: n2 accepted y but another acceptor accepted x in the same ballot");
}

TEST_CASE("paxos.validity passes proposed, client and no-op values", "[check][paxos]") {
  PaxosValidityChecker checker;
  TraceEvent invoke = TraceEvent(
      "client", "invoke", {{"id", int64_t{1}}, {"op", "put"}, {"key", "k"}, {"value", "c-7"}});
  invoke.time = ms(5);
  invoke.node = NodeId::client(1);
  std::vector<TraceEvent> events = {propose(1, 1, 1, b4, "v-n1"), invoke,
                                    learn(10, 2, 1, "v-n1"),      learn(11, 3, 2, "c-7"),
                                    learn(12, 3, 3, "noop"),      noise(13, 1)};
  REQUIRE(feed(checker, events) == events.size());
  CHECK_FALSE(checker.fired());
}

TEST_CASE("paxos.validity fires on a learned value nobody proposed", "[check][paxos]") {
  PaxosValidityChecker checker;
  TraceEvent get = TraceEvent("client", "invoke",
                              {{"id", int64_t{1}}, {"op", "get"}, {"key", "k"}, {"value", "g"}});
  std::vector<TraceEvent> events = {propose(1, 1, 1, b4, "v-n1"), get, learn(10, 2, 1, "g")};
  REQUIRE(feed(checker, events) == 3);
  CHECK(checker.violation()->message ==
        "slot 1: n2 learned g, which no proposer or client proposed");
}

}  // namespace
}  // namespace faultline

namespace faultline {
namespace {

TEST_CASE("paxos.agreement figures: slots learned and chosen, the first chosen values",
          "[check][paxos]") {
  using namespace check_test;
  PaxosAgreementChecker checker(3);
  checker.observe(accepted(10, 1, 1, b5, "v"));
  checker.observe(accepted(12, 3, 1, b5, "v"));  // a majority of 3: chosen at 12 ms
  checker.observe(learn(13, 2, 1, "v"));
  checker.observe(accepted(20, 1, 2, b5, "w"));  // slot 2: one acceptance, not chosen
  std::vector<std::pair<std::string, std::string>> figures;
  checker.figures(figures);
  CHECK(figures == std::vector<std::pair<std::string, std::string>>{
                       {"slots_learned", "1"},
                       {"slots_chosen", "1"},
                       {"slot_1", "v (ballot r1.n2) chosen at 0.012000000s"}});
}

}  // namespace
}  // namespace faultline
