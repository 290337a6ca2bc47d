// File: single_decree_node.cc
// Dispatch of a single-decree Paxos server, its boot checks, and the config names.
#include "protocols/paxos/single_decree_node.h"

#include <array>
#include <utility>

#include "protocols/common/lost_state.h"
#include "sim/base/check.h"

namespace faultline::paxos {
namespace {

constexpr std::array<std::pair<AcceptorBug, std::string_view>, 4> bug_names = {{
    {AcceptorBug::none, "none"},
    {AcceptorBug::accept_without_promise_check, "accept_without_promise_check"},
    {AcceptorBug::no_promise_on_accept, "no_promise_on_accept"},
    {AcceptorBug::forget_promise_on_restart, "forget_promise_on_restart"},
}};

}  // namespace

std::string_view acceptor_bug_name(AcceptorBug bug) {
  for (const auto& [value, name] : bug_names) {
    if (value == bug) {
      return name;
    }
  }
  return "none";
}

std::optional<AcceptorBug> acceptor_bug_from_name(std::string_view name) {
  for (const auto& [value, bug_name] : bug_names) {
    if (bug_name == name) {
      return value;
    }
  }
  return std::nullopt;
}

std::unique_ptr<Protocol> make_single_decree_paxos(NodeEnv& env, const SingleDecreeConfig& config) {
  return std::make_unique<SingleDecreeNode>(env, config);
}

SingleDecreeNode::SingleDecreeNode(NodeEnv& env, const SingleDecreeConfig& config)
    : env_(env),
      acceptor_(env, config.bug),
      learner_(env, env.peers().size() + 1),
      proposer_(env, config.proposer, env.peers().size() + 1) {}

// A rejoining server whose disk lost its records would forget promises (P-01 "stable storage"):
// it stops instead (fail-stop), as Raft's recovery does.
void SingleDecreeNode::on_start() {
  std::string_view reason =
      common::lost_state_reason(env_, env_.storage().get(member_key).has_value());
  if (!reason.empty()) {
    halted_ = true;
    env_.halt(reason);
    return;
  }
  if (env_.boot_mode() == BootMode::bootstrap) {
    env_.storage().put(member_key, "1");
    env_.storage().sync();  // nothing waits for it; later syncs cover it anyway
  }
  acceptor_.recover();
  proposer_.start();
}

void SingleDecreeNode::on_message(NodeId from, const MessagePtr& message) {
  if (halted_) {
    return;
  }
  switch (static_cast<SingleDecreeMessageKind>(message->kind())) {
    case SingleDecreeMessageKind::prepare:
      acceptor_.on_prepare(from, static_cast<const Prepare&>(*message));
      return;
    case SingleDecreeMessageKind::accept:
      acceptor_.on_accept(from, static_cast<const Accept&>(*message));
      return;
    case SingleDecreeMessageKind::promise:
      proposer_.on_promise(from, static_cast<const Promise&>(*message));
      return;
    case SingleDecreeMessageKind::nack:
      proposer_.on_nack(static_cast<const Nack&>(*message));
      return;
    case SingleDecreeMessageKind::accepted: {
      const auto& accepted = static_cast<const Accepted&>(*message);
      if (learner_.on_accepted(from, accepted.ballot, accepted.value)) {
        proposer_.on_chosen(accepted.ballot);
      }
      return;
    }
  }
  // Clients (KvRequest) are not served by single-decree Paxos: ignored.
}

void SingleDecreeNode::on_timer(TimerId timer, uint64_t tag) {
  if (halted_) {
    return;
  }
  proposer_.on_timer(timer, static_cast<ProposerTimer>(tag));
}

void SingleDecreeNode::on_storage_complete(StorageOpId op, StorageStatus status) {
  if (halted_) {
    return;
  }
  if (status == StorageStatus::no_space) {
    halted_ = true;
    env_.halt("no_space");  // cannot know what reached the disk: fail-stop
    return;
  }
  if (!acceptor_.on_sync_complete(op)) {
    proposer_.on_sync_complete(op);
  }
}

}  // namespace faultline::paxos
