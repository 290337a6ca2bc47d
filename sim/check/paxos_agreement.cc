// File: paxos_agreement.cc
// Agreement over paxos.learn (learners) and paxos.accepted (acceptor-side audit).
#include "sim/check/paxos_agreement.h"

#include <algorithm>

#include <fmt/format.h>

#include "sim/check/paxos_event.h"

namespace faultline {
namespace {

// A ballot as traced (round * 256 + proposer server number, sim/base/role_event.h), for people:
// "r3.n2" is round 3 of proposer n2.
std::string ballot_text(int64_t ballot) {
  return fmt::format("r{}.n{}", ballot / 256, ballot % 256);
}

}  // namespace

void PaxosAgreementChecker::observe(const TraceEvent& event) {
  if (event.component != "paxos") {
    return;
  }
  if (event.name == "learn") {
    on_learn(event);
  } else if (event.name == "accepted") {
    on_accepted(event);
  }
}

void PaxosAgreementChecker::on_learn(const TraceEvent& event) {
  int64_t slot = event.number("slot");
  Slot& state = slots_[slot];
  std::string value = paxos_event_value(event);
  // Section 2.3: a learner may learn only a chosen value. Every acceptance is traced before the
  // Accepted message that tells a learner about it leaves, so the audit has seen a majority of
  // one ballot with this value before any correct learner can learn it.
  bool chosen = std::any_of(state.tallies.begin(), state.tallies.end(), [&](const auto& entry) {
    const Tally& tally = entry.second;
    return tally.value == value && tally.acceptors.size() * 2 > acceptor_count_;
  });
  if (!chosen) {
    report(Violation{std::string(check_name), event.time, event.node,
                     fmt::format("slot {}: {} learned {}, which no majority of the {} acceptors "
                                 "accepted in one ballot",
                                 slot, event.node.name(), value, acceptor_count_)});
    return;
  }
  if (!state.learned) {
    state.learned = Sighting{std::move(value), event.node, event.time, 0};
    return;
  }
  if (state.learned->value == value) {
    return;
  }
  report(Violation{std::string(check_name), event.time, event.node,
                   fmt::format("slot {}: {} learned {} but {} learned {} at {}", slot,
                               event.node.name(), value, state.learned->node.name(),
                               state.learned->value, format_seconds(state.learned->at))});
}

// Section 2.2: "A value is chosen when a single proposal with that value has been accepted by a
// majority of the acceptors." Acceptances are counted per (slot, ballot) over every acceptor that
// ever accepted it, so an acceptor that later accepts another ballot does not un-choose a value.
void PaxosAgreementChecker::on_accepted(const TraceEvent& event) {
  int64_t slot = event.number("slot");
  int64_t ballot = event.number("ballot");
  std::string value = paxos_event_value(event);
  Slot& state = slots_[slot];
  Tally& tally = state.tallies[ballot];
  if (tally.acceptors.empty()) {
    tally.value = value;
  } else if (tally.value != value) {
    report(
        Violation{std::string(check_name), event.time, event.node,
                  fmt::format("slot {} ballot {}: {} accepted {} but another acceptor "
                              "accepted {} in the same ballot",
                              slot, ballot_text(ballot), event.node.name(), value, tally.value)});
    return;
  }
  bool was_majority = tally.acceptors.size() * 2 > acceptor_count_;
  tally.acceptors.insert(event.node);
  if (was_majority || tally.acceptors.size() * 2 <= acceptor_count_) {
    return;
  }
  if (!state.chosen) {
    state.chosen = Sighting{value, event.node, event.time, ballot};
    return;
  }
  if (state.chosen->value == value) {
    return;
  }
  report(Violation{
      std::string(check_name), event.time, event.node,
      fmt::format("slot {}: two values chosen: {} by a majority at ballot {} (at {}) and {} by a "
                  "majority at ballot {}",
                  slot, state.chosen->value, ballot_text(state.chosen->ballot),
                  format_seconds(state.chosen->at), value, ballot_text(ballot))});
}

void PaxosAgreementChecker::figures(std::vector<std::pair<std::string, std::string>>& out) const {
  constexpr size_t slots_listed = 3;  // a single decree has one; a log shows its start
  size_t learned = 0;
  size_t chosen = 0;
  for (const auto& [slot, state] : slots_) {
    learned += state.learned ? 1 : 0;
    chosen += state.chosen ? 1 : 0;
  }
  out.emplace_back("slots_learned", std::to_string(learned));
  out.emplace_back("slots_chosen", std::to_string(chosen));
  size_t listed = 0;
  for (const auto& [slot, state] : slots_) {
    if (!state.chosen || listed == slots_listed) {
      continue;
    }
    ++listed;
    out.emplace_back(
        fmt::format("slot_{}", slot),
        fmt::format("{} (ballot {}) chosen at {}", state.chosen->value,
                    ballot_text(state.chosen->ballot), format_seconds(state.chosen->at)));
  }
}

}  // namespace faultline
