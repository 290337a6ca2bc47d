// File: replication_no_lost_write.h
// Check `replication.no_lost_write`: no acknowledged write is lost, e.g. after a failover. Decided
// from the client history alone (`client.invoke id op key value`, `client.ok id value`,
// `client.unknown id` on client nodes), so it applies to every strategy, Raft's log included.
// Every put writes a unique value. The rule (sound for linearizability): a get G of key k that
// returns the value of put A, or the initial empty value, fires when some other put B of k was
// acknowledged before G was invoked and A was acknowledged before B was invoked (or A is the
// initial value). Then A < B < G in real time, so G must see B or a later write: B was lost.
// Puts still running or of unknown outcome when B was invoked are concurrent with it: reading
// them is legal, and never fires.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sim/check/checker.h"

namespace faultline {

class NoLostWriteChecker final : public Checker {
 public:
  static constexpr std::string_view check_name = "replication.no_lost_write";

  std::string_view name() const override { return check_name; }
  void observe(const TraceEvent& event) override;

 private:
  // The acknowledged put of a key invoked last (max invocation time) so far.
  struct LatestAcked {
    std::string value;
    NodeId client;
    Time invoked_at;
    Time completed_at;
  };
  struct Put {
    std::string key;
    NodeId client;
    Time invoked_at;
    std::optional<Time> acked_at;
  };
  struct Running {
    int64_t id = 0;
    bool is_put = false;
    std::string key;
    std::string value;
    Time invoked_at;
    std::optional<LatestAcked> latest_at_invoke;  // gets: the key's latest ack when invoked
  };

  void on_invoke(const TraceEvent& event);
  void on_ok(const TraceEvent& event);
  void check_get(const TraceEvent& event, const Running& get, std::string_view value);

  std::map<NodeId, Running> running_;  // one operation per client at a time
  std::unordered_map<std::string, Put> put_by_value_;
  std::unordered_map<std::string, LatestAcked> latest_acked_;  // by key
};

}  // namespace faultline
