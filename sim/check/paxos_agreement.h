// File: paxos_agreement.h
// Check `paxos.agreement` ("Paxos Made Simple" section 2: "only a single value is chosen", and a
// learner never learns a value that was not chosen). Two sources, both per slot:
//  * learners: every paxos.learn of a slot must carry the same value (two learners learning
//    different values, or one learner learning a second value, fires), and a value some majority
//    of acceptors accepted in one ballot (a learn from a minority fires: section 2.3);
//  * an acceptor-side audit (protocol-bugs.md B21 "learner audit"): from paxos.accepted events,
//    the set of acceptors that accepted each (ballot, value); once a majority of the cluster's
//    acceptors has accepted the same (ballot, value), that value is chosen (section 2.2). Two
//    different values chosen for one slot fire even if no learner noticed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "sim/check/checker.h"

namespace faultline {

class PaxosAgreementChecker final : public Checker {
 public:
  static constexpr std::string_view check_name = "paxos.agreement";

  // `acceptor_count`: the number of acceptors (every server of the cluster).
  explicit PaxosAgreementChecker(size_t acceptor_count) : acceptor_count_(acceptor_count) {}

  std::string_view name() const override { return check_name; }
  void observe(const TraceEvent& event) override;
  // slots_learned (slots some learner learned), slots_chosen (slots a majority of acceptors
  // accepted one ballot of), and for the first few slots what was chosen:
  // "slot_1: v-n1 (ballot r1.n1) chosen at 0.004000000s".
  void figures(std::vector<std::pair<std::string, std::string>>& out) const override;

 private:
  struct Sighting {
    std::string value;
    NodeId node;
    Time at;
    int64_t ballot = 0;
  };
  struct Tally {
    std::string value;
    std::set<NodeId> acceptors;
  };
  struct Slot {
    std::optional<Sighting> learned;   // the first paxos.learn
    std::optional<Sighting> chosen;    // the first (ballot, value) accepted by a majority
    std::map<int64_t, Tally> tallies;  // ballot -> acceptors that accepted it
  };

  void on_learn(const TraceEvent& event);
  void on_accepted(const TraceEvent& event);

  size_t acceptor_count_;
  std::map<int64_t, Slot> slots_;
};

}  // namespace faultline
