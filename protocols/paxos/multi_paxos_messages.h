// File: multi_paxos_messages.h
// The messages between Multi-Paxos servers ("Paxos Made Simple" sections 2.2-2.4 and 3), in the
// namespace paxos::multi so that they never collide with single-decree Paxos's types. Phase 1 is
// run once for every slot from `first_slot` on (section 3: "a single message ... for all
// instances"); phase 2 carries one slot. Kinds start at 120 (KvMessageKind reserves 1 and 2).
#pragma once

#include <cstdint>
#include <vector>

#include "protocols/paxos/ballot.h"
#include "protocols/paxos/multi_paxos_command.h"
#include "sim/env/message.h"

namespace faultline::paxos::multi {

enum class MessageKind : uint32_t {
  prepare = 120,
  promise = 121,
  accept = 122,
  accepted = 123,
  nack = 124,
  chosen = 125,
  heartbeat = 126,
};

// An acceptor's accepted proposal for one slot, as reported in a promise.
struct AcceptedProposal {
  uint64_t slot = 0;
  Ballot ballot;
  Command command;
};

// Phase 1a for every slot >= first_slot (section 2.2 "prepare request", section 3).
struct Prepare final : Message {
  Ballot ballot;
  uint64_t first_slot = 1;

  std::string_view type_name() const override { return "Prepare"; }
  uint64_t size_bytes() const override { return 32; }
  uint32_t kind() const override { return static_cast<uint32_t>(MessageKind::prepare); }
};

// Phase 1b: the promise not to accept a ballot below `ballot`, with every proposal accepted at a
// slot >= the prepare's first_slot (section 2.2: "the proposal with the highest number less than
// n that it has accepted"; per slot in section 3).
struct Promise final : Message {
  Ballot ballot;
  uint64_t first_slot = 1;
  std::vector<AcceptedProposal> accepted;  // by increasing slot

  std::string_view type_name() const override { return "Promise"; }
  uint64_t size_bytes() const override {
    uint64_t bytes = 32;
    for (const AcceptedProposal& proposal : accepted) {
      bytes += 24 + proposal.command.key.size() + proposal.command.value.size();
    }
    return bytes;
  }
  uint32_t kind() const override { return static_cast<uint32_t>(MessageKind::promise); }
};

// Phase 2a: accept `command` at `slot` under `ballot`.
struct Accept final : Message {
  Ballot ballot;
  uint64_t slot = 0;
  Command command;

  std::string_view type_name() const override { return "Accept"; }
  uint64_t size_bytes() const override { return 48 + command.key.size() + command.value.size(); }
  uint32_t kind() const override { return static_cast<uint32_t>(MessageKind::accept); }
};

// Phase 2b, sent to the proposer only (the distinguished learner, section 2.3), which announces
// the chosen value to everybody with Chosen.
struct Accepted final : Message {
  Ballot ballot;
  uint64_t slot = 0;

  std::string_view type_name() const override { return "Accepted"; }
  uint64_t size_bytes() const override { return 32; }
  uint32_t kind() const override { return static_cast<uint32_t>(MessageKind::accepted); }
};

// The refusal of a prepare or accept under `ballot` because the acceptor promised `promised`, a
// higher ballot (the optimisation of section 2.4's last paragraph: "the acceptor should ... inform
// the proposer, who should then abandon its proposal").
struct Nack final : Message {
  Ballot ballot;
  Ballot promised;

  std::string_view type_name() const override { return "Nack"; }
  uint64_t size_bytes() const override { return 32; }
  uint32_t kind() const override { return static_cast<uint32_t>(MessageKind::nack); }
};

// The distinguished learner (the leader) tells every learner that `command` is chosen at `slot`.
struct Chosen final : Message {
  uint64_t slot = 0;
  Command command;

  std::string_view type_name() const override { return "Chosen"; }
  uint64_t size_bytes() const override { return 40 + command.key.size() + command.value.size(); }
  uint32_t kind() const override { return static_cast<uint32_t>(MessageKind::chosen); }
};

// Sent by every server every `interval` (failure detection; section 3's leader election "using
// timeouts"). `first_unchosen` is the sender's lowest slot not known chosen: the leader answers
// a lagging peer with the Chosen messages it lacks. `ballot` is the sender's ballot while it
// leads, none otherwise.
struct Heartbeat final : Message {
  Ballot ballot;
  uint64_t first_unchosen = 1;

  std::string_view type_name() const override { return "Heartbeat"; }
  uint64_t size_bytes() const override { return 24; }
  uint32_t kind() const override { return static_cast<uint32_t>(MessageKind::heartbeat); }
};

}  // namespace faultline::paxos::multi
