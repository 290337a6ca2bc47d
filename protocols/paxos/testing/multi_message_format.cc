// File: multi_message_format.cc
// Transcript descriptions of Multi-Paxos and KV messages.
#include "protocols/paxos/testing/multi_message_format.h"

#include <fmt/format.h>

#include "protocols/paxos/multi_paxos_messages.h"
#include "sim/env/kv_messages.h"

namespace faultline::paxos::multi::testing {
namespace {

std::string describe(const Promise& promise) {
  std::string reported;
  for (const AcceptedProposal& proposal : promise.accepted) {
    reported += fmt::format("{}{}:{}:{}", reported.empty() ? "" : ",", proposal.slot,
                            proposal.ballot.name(), describe_command(proposal.command));
  }
  return fmt::format("Promise b={} first={} accepted=[{}]", promise.ballot.name(),
                     promise.first_slot, reported);
}

std::string describe(const KvRequest& request) {
  if (request.op == KvOp::put) {
    return fmt::format("KvRequest id={} put {}={}", request.request_id, request.key, request.value);
  }
  return fmt::format("KvRequest id={} get {}", request.request_id, request.key);
}

std::string describe(const KvReply& reply) {
  if (reply.status == KvStatus::not_leader) {
    return fmt::format("KvReply id={} not_leader hint={}", reply.request_id,
                       reply.leader_hint.name());
  }
  return fmt::format("KvReply id={} ok value={}", reply.request_id,
                     reply.value.empty() ? "\"\"" : reply.value);
}

}  // namespace

std::string describe_message(const Message& message) {
  switch (message.kind()) {
    case static_cast<uint32_t>(MessageKind::prepare): {
      const auto& prepare = static_cast<const Prepare&>(message);
      return fmt::format("Prepare b={} first={}", prepare.ballot.name(), prepare.first_slot);
    }
    case static_cast<uint32_t>(MessageKind::promise):
      return describe(static_cast<const Promise&>(message));
    case static_cast<uint32_t>(MessageKind::accept): {
      const auto& accept = static_cast<const Accept&>(message);
      return fmt::format("Accept b={} slot={} {}", accept.ballot.name(), accept.slot,
                         describe_command(accept.command));
    }
    case static_cast<uint32_t>(MessageKind::accepted): {
      const auto& accepted = static_cast<const Accepted&>(message);
      return fmt::format("Accepted b={} slot={}", accepted.ballot.name(), accepted.slot);
    }
    case static_cast<uint32_t>(MessageKind::nack): {
      const auto& nack = static_cast<const Nack&>(message);
      return fmt::format("Nack b={} promised={}", nack.ballot.name(), nack.promised.name());
    }
    case static_cast<uint32_t>(MessageKind::chosen): {
      const auto& chosen = static_cast<const Chosen&>(message);
      return fmt::format("Chosen slot={} {}", chosen.slot, describe_command(chosen.command));
    }
    case static_cast<uint32_t>(MessageKind::heartbeat): {
      const auto& heartbeat = static_cast<const Heartbeat&>(message);
      return fmt::format("Heartbeat b={} first_unchosen={}", heartbeat.ballot.name(),
                         heartbeat.first_unchosen);
    }
    case static_cast<uint32_t>(KvMessageKind::request):
      return describe(static_cast<const KvRequest&>(message));
    case static_cast<uint32_t>(KvMessageKind::reply):
      return describe(static_cast<const KvReply&>(message));
    default:
      return fmt::format("{} (kind {})", message.type_name(), message.kind());
  }
}

}  // namespace faultline::paxos::multi::testing
