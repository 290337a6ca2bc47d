// File: learner.cc
// Section 2.3 of "Paxos Made Simple": learning a chosen value from a majority of acceptances.
#include "protocols/paxos/learner.h"

#include "sim/base/check.h"

namespace faultline::paxos {

bool Learner::on_accepted(NodeId acceptor, Ballot ballot, const std::string& value) {
  Votes& votes = votes_[ballot];
  if (votes.acceptors.empty()) {
    votes.value = value;
  }
  // Ballots are unique per proposer and a proposer sends one value per ballot (section 2.2).
  FL_CHECK(votes.value == value, "ballot {} accepted with two values: {} and {}", ballot.name(),
           votes.value, value);
  votes.acceptors.insert(acceptor);
  if (votes.acceptors.size() * 2 <= acceptor_count_) {
    return false;  // a minority proves nothing (section 2.3)
  }
  if (votes.complete) {
    return false;
  }
  votes.complete = true;
  if (learned_ && *learned_ == value) {
    return true;  // chosen again at a higher ballot: nothing new to learn
  }
  learned_ = value;
  env_.trace(TraceEvent{"paxos",
                        "learn",
                        {{"slot", 1},
                         {"value", value},
                         {"ballot", static_cast<int64_t>(ballot.encode())},
                         {"acceptors", static_cast<int64_t>(votes.acceptors.size())}}});
  return true;
}

}  // namespace faultline::paxos
