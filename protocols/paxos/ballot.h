// File: ballot.h
// A Paxos ballot (proposal number): a round and the number of the server that proposes in it.
// Owns the invariant that ballots are totally ordered and unique per proposer ("Paxos Made
// Simple" section 2.5: "different proposers choose their numbers from disjoint sets of numbers",
// so two proposers never issue the same ballot), and the integer form traced as `ballot=`
// (issue 4 contract: round * 256 + proposer server number). Shared by single-decree and
// multi-decree Paxos.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

#include "sim/base/node_id.h"

namespace faultline::paxos {

struct Ballot {
  // Servers are numbered 1..255 in a ballot; the encoding reserves 8 bits for the proposer.
  static constexpr uint64_t proposer_limit = 256;

  uint64_t round = 0;     // 0 together with proposer 0 is "no ballot" (nothing promised/accepted)
  uint32_t proposer = 0;  // the proposing server's number (n3 -> 3)

  static constexpr Ballot none() { return Ballot{}; }
  static Ballot make(uint64_t round, NodeId proposer) { return Ballot{round, proposer.number()}; }
  // Inverse of encode(): the ballot whose encoding is `encoded`.
  static constexpr Ballot decode(uint64_t encoded) {
    return Ballot{encoded / proposer_limit, static_cast<uint32_t>(encoded % proposer_limit)};
  }

  constexpr bool is_none() const { return round == 0 && proposer == 0; }
  // The traced integer: round * 256 + proposer. Monotone in the total order below.
  constexpr uint64_t encode() const { return round * proposer_limit + proposer; }
  // The smallest ballot of `proposer` that is greater than `other`, with round >= 1 (section 2.5:
  // a proposer retries with a number higher than any it has seen).
  static Ballot next_above(Ballot other, NodeId proposer) {
    Ballot candidate{other.round == 0 ? 1 : other.round, proposer.number()};
    return candidate > other ? candidate : Ballot{other.round + 1, proposer.number()};
  }
  // "r3.n2", or "-" for none(): readable form for transcripts.
  std::string name() const {
    if (is_none()) {
      return "-";
    }
    return "r" + std::to_string(round) + ".n" + std::to_string(proposer);
  }

  // Lexicographic (round, proposer): the total order of section 2.2's proposal numbers.
  friend constexpr auto operator<=>(const Ballot&, const Ballot&) = default;
};

}  // namespace faultline::paxos
