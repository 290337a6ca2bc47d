// File: learner.h
// The learner of single-decree Paxos ("Paxos Made Simple", section 2.3): a value is chosen when a
// majority of acceptors have accepted the same proposal, so the learner learns a value once
// Accepted messages of one ballot have arrived from a majority of distinct acceptors, never from a
// minority. Volatile: a restarted learner learns again from later Accepted messages.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "protocols/paxos/ballot.h"
#include "sim/base/node_id.h"
#include "sim/env/node_env.h"

namespace faultline::paxos {

class Learner {
 public:
  // `acceptor_count`: the number of acceptors (every server of the cluster).
  Learner(NodeEnv& env, size_t acceptor_count) : env_(env), acceptor_count_(acceptor_count) {}

  // Records that `acceptor` accepted (ballot, value). Returns true when this makes `ballot`
  // reach a majority (its value is chosen). A value not learned before is traced paxos.learn: a
  // correct cluster learns one value only; a buggy acceptor can make a second ballot reach a
  // majority with another value, and that is traced too (for the agreement checker).
  bool on_accepted(NodeId acceptor, Ballot ballot, const std::string& value);

  const std::optional<std::string>& learned() const { return learned_; }

 private:
  struct Votes {
    std::string value;
    std::set<NodeId> acceptors;
    bool complete = false;  // reached a majority
  };

  NodeEnv& env_;
  size_t acceptor_count_;
  std::map<Ballot, Votes> votes_;
  std::optional<std::string> learned_;
};

}  // namespace faultline::paxos
