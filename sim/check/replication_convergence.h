// File: replication_convergence.h
// Check `replication.convergence` (strategy leaderless; Dynamo, DeCandia et al. 2007, section 4.7:
// anti-entropy keeps replicas synchronized): once a phase with `expect: { converge_within: D }`
// starts at S (the runner traces `phase.expect converge_within=D` after healing the cluster),
// every item that some replica holds at a time T >= S (held at S, or stored or recovered later
// in the phase) must be held, or superseded in the version order, by every live replica of its
// key at max(T, S) + D. Obligations whose deadline falls after the phase ends are dropped when
// the next phase starts (and counted); at the end of the run, those due by then are judged.
//
// Replica state comes only from the store's trace events (README.md "Trace events"):
//   leaderless.store key ts writer value replicas source   a replica now holds this item
//   leaderless.recover                                      a (re)started replica: forget what it
//                                                           held; `store source=recover` follows
//   node.crash, node.halt                                   the replica is down (not judged)
// Versions compare as the store orders them: (ts, writer, value).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/check/checker.h"

namespace faultline {

class ConvergenceChecker final : public Checker {
 public:
  static constexpr std::string_view check_name = "replication.convergence";

  std::string_view name() const override { return check_name; }
  void observe(const TraceEvent& event) override;
  void finish_run(Time end) override;
  void figures(std::vector<std::pair<std::string, std::string>>& out) const override;

 private:
  struct Held {
    int64_t timestamp = 0;
    int64_t writer = 0;
    std::string value;
    auto operator<=>(const Held&) const = default;
  };
  struct KeyState {
    std::vector<std::string> replicas;  // node names, from the `replicas` field
    std::map<std::string, Held> held;   // by node name
  };
  struct Obligation {
    std::string key;
    Held item;
    std::string holder;  // a node that held it
    Time since;          // max(T, S)
    Time deadline;
  };

  void arm(Time start, Duration within);
  void on_store(const TraceEvent& event);
  void forget_node(const std::string& node);
  // Judges every obligation whose deadline is before `now` (every event up to it was seen).
  void judge_until(Time now);
  void judge(const Obligation& obligation);
  // The replica of `key` that holds less than `item` while live, if any.
  std::optional<std::string> lagging(const std::string& key, const Held& item) const;
  void note_initial_progress(Time now);

  std::map<std::string, KeyState> keys_;
  std::map<std::string, bool> live_;  // by node name
  bool armed_ = false;
  Time start_;
  Duration within_;
  std::deque<Obligation> obligations_;  // deadlines non-decreasing
  // The newest item of each key when the phase was armed, until every live replica holds it:
  // for the figure "converged after heal".
  std::map<std::string, Held> initial_;
  std::optional<Duration> converged_after_;
  uint64_t judged_ = 0;
  uint64_t dropped_ = 0;
};

}  // namespace faultline
