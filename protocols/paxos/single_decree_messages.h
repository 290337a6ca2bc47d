// File: single_decree_messages.h
// The messages of single-decree Paxos ("Paxos Made Simple", Lamport 2001, section 2.2): phase 1
// prepare/promise, phase 2 accept/accepted, and the rejection an acceptor sends so that a
// proposer can abandon a ballot early (section 2.3 note: "the acceptor ... should probably inform
// the proposer, who should then abandon its proposal"). Immutable once sent.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "protocols/paxos/ballot.h"
#include "sim/env/message.h"

namespace faultline::paxos {

// Protocol-private kinds (kv_messages.h reserves the ones below 100; Raft uses 100..).
enum class SingleDecreeMessageKind : uint32_t {
  prepare = 200,
  promise = 201,
  accept = 202,
  accepted = 203,
  nack = 204,
};

// Phase 1a: a proposer asks acceptors to promise `ballot` (section 2.2).
struct Prepare final : Message {
  Ballot ballot;

  std::string_view type_name() const override { return "Prepare"; }
  uint64_t size_bytes() const override { return 24; }
  uint32_t kind() const override { return static_cast<uint32_t>(SingleDecreeMessageKind::prepare); }
  std::string describe() const { return fmt::format("Prepare ballot={}", ballot.name()); }
};

// Phase 1b: the acceptor promises never to accept a ballot below `ballot` and reports the
// highest-numbered proposal it has accepted, if any (section 2.2, "a promise ... and the proposal
// with the highest number less than n that it has accepted").
struct Promise final : Message {
  Ballot ballot;
  Ballot accepted_ballot;  // none() if nothing accepted
  std::string accepted_value;

  std::string_view type_name() const override { return "Promise"; }
  uint64_t size_bytes() const override { return 40 + accepted_value.size(); }
  uint32_t kind() const override { return static_cast<uint32_t>(SingleDecreeMessageKind::promise); }
  std::string describe() const {
    if (accepted_ballot.is_none()) {
      return fmt::format("Promise ballot={} accepted=-", ballot.name());
    }
    return fmt::format("Promise ballot={} accepted={}:{}", ballot.name(), accepted_ballot.name(),
                       accepted_value);
  }
};

// Phase 2a: accept (ballot, value) (section 2.2).
struct Accept final : Message {
  Ballot ballot;
  std::string value;

  std::string_view type_name() const override { return "Accept"; }
  uint64_t size_bytes() const override { return 24 + value.size(); }
  uint32_t kind() const override { return static_cast<uint32_t>(SingleDecreeMessageKind::accept); }
  std::string describe() const {
    return fmt::format("Accept ballot={} value={}", ballot.name(), value);
  }
};

// Phase 2b: the acceptor accepted (ballot, value); sent to every learner (section 2.3, "have each
// acceptor ... respond to ... learners").
struct Accepted final : Message {
  Ballot ballot;
  std::string value;

  std::string_view type_name() const override { return "Accepted"; }
  uint64_t size_bytes() const override { return 24 + value.size(); }
  uint32_t kind() const override {
    return static_cast<uint32_t>(SingleDecreeMessageKind::accepted);
  }
  std::string describe() const {
    return fmt::format("Accepted ballot={} value={}", ballot.name(), value);
  }
};

// The acceptor refused `ballot` (a prepare or an accept) because it has promised `promised`.
struct Nack final : Message {
  enum class Phase : uint8_t { prepare, accept };

  Ballot ballot;
  Ballot promised;
  Phase phase = Phase::prepare;

  std::string_view type_name() const override { return "Nack"; }
  uint64_t size_bytes() const override { return 40; }
  uint32_t kind() const override { return static_cast<uint32_t>(SingleDecreeMessageKind::nack); }
  std::string_view phase_name() const { return phase == Phase::prepare ? "prepare" : "accept"; }
  std::string describe() const {
    return fmt::format("Nack {} ballot={} promised={}", phase_name(), ballot.name(),
                       promised.name());
  }
};

}  // namespace faultline::paxos
