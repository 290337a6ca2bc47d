// File: single_decree_node.h
// One single-decree Paxos server: acceptor, learner and (if configured) proposer on one NodeEnv,
// with message dispatch per type and fail-stop on a disk that cannot keep its promises. Owns the
// rule that a server never runs on storage that lost what it promised (wiped or corrupted).
#pragma once

#include <cstdint>
#include <memory>

#include "protocols/paxos/acceptor.h"
#include "protocols/paxos/learner.h"
#include "protocols/paxos/proposer.h"
#include "protocols/paxos/single_decree.h"
#include "sim/env/node_env.h"
#include "sim/env/protocol.h"

namespace faultline::paxos {

class SingleDecreeNode final : public Protocol {
 public:
  static constexpr std::string_view member_key = "paxos/member";

  SingleDecreeNode(NodeEnv& env, const SingleDecreeConfig& config);

  void on_start() override;
  void on_message(NodeId from, const MessagePtr& message) override;
  void on_timer(TimerId timer, uint64_t tag) override;
  void on_storage_complete(StorageOpId op, StorageStatus status) override;

  const Acceptor& acceptor() const { return acceptor_; }
  const Learner& learner() const { return learner_; }
  const Proposer& proposer() const { return proposer_; }

 private:
  NodeEnv& env_;
  Acceptor acceptor_;
  Learner learner_;
  Proposer proposer_;
  bool halted_ = false;
};

}  // namespace faultline::paxos
