// File: nemesis.h
// Seeded random faults inside a fault budget (DESIGN.md "Faults", plan issue 3
// `phases[i].nemesis`). The nemesis draws Poisson arrivals per fault kind from its own stream,
// picks targets, and acts on the world through the NemesisWorld interface (an adapter over Cluster
// in the runner, a fake in tests). Owns the invariant that its faults never make more than
// `max_faulty` servers faulty at once (the budget rule is spelled out above `Nemesis`), and that
// stop() leaves no temporary fault of its own behind. It records every decision it takes, and in
// scripted mode replays such a record (issue 6 `timeline`) through the same code, so that the
// replay's trace is the original's, event for event.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/network/reachability.h"
#include "sim/base/nemesis_decision.h"
#include "sim/base/node_id.h"
#include "sim/base/ratio.h"
#include "sim/base/rng.h"
#include "sim/base/time.h"
#include "sim/base/trace.h"
#include "sim/engine/simulator.h"

namespace faultline {

// A rate in arrivals per second as an exact ratio (here numerator may exceed denominator: 5/s is
// {5, 1}; 0.37/s is {37, 100}). Zero disables the kind.
using RatePerSecond = Ratio;

// "0.37/s", "1/s", "2/3/s": a rate for humans (decimal when the denominator is a power of ten).
std::string format_rate(RatePerSecond rate);

struct NemesisConfig {
  RatePerSecond crash_per_second = Ratio::zero();
  RatePerSecond partition_per_second = Ratio::zero();
  RatePerSecond clog_per_second = Ratio::zero();
  RatePerSecond clock_jump_per_second = Ratio::zero();
  RatePerSecond torn_crash_per_second = Ratio::zero();
  RatePerSecond corrupt_per_second = Ratio::zero();
  RatePerSecond wipe_per_second = Ratio::zero();
  RatePerSecond disk_full_per_second = Ratio::zero();
  // Temporary faults (crash, torn_crash, partition, clog, disk_full) last uniform [min, max].
  Duration fault_duration_min = Duration::milliseconds(500);
  Duration fault_duration_max = Duration::seconds(3);
  // A clock jump is uniform over the nonzero values in [-max, max].
  Duration clock_jump_max = Duration::seconds(1);
  // The budget f. The scenario default is default_max_faulty(N), filled in by the caller; 0 here
  // (no server may become faulty) is the safe value for a config built by hand.
  uint32_t max_faulty = 0;

  RatePerSecond rate(FaultKind kind) const;
  RatePerSecond& rate(FaultKind kind);
  bool any_enabled() const;
};

// floor((N-1)/2): the most servers a majority quorum system can lose and still make progress.
inline uint32_t default_max_faulty(uint32_t server_count) {
  return server_count == 0 ? 0 : (server_count - 1) / 2;
}

// Swarm testing (Groce et al., ISSTA 2012): each kind is enabled with probability 1/2 at a rate
// k/100 per second, k uniform in 5..100 (kinds drawn in FaultKind order: chance, then k if
// enabled). Durations and budget come from `base`. `description` becomes e.g.
// "crash=0.37/s clog=0.08/s" ("none" when no kind is enabled).
NemesisConfig swarm_config(const NemesisConfig& base, Rng& swarm_rng, std::string& description);

// What the nemesis may observe and do. Servers are NodeId::server(1..server_count()).
class NemesisWorld {
 public:
  virtual ~NemesisWorld() = default;

  virtual uint32_t server_count() const = 0;
  virtual bool is_up(NodeId node) const = 0;
  // NodeId::none() when no leader is known.
  virtual NodeId leader() const = 0;
  // Partitions only; clogs are not part of it.
  virtual const Reachability& reachability() const = 0;
  virtual Time now() const = 0;

  // `tear`: a prefix of the last unsynced write may reach the disk (disk.torn_write semantics).
  virtual void crash(NodeId node, bool tear) = 0;
  virtual void restart(NodeId node) = 0;
  virtual void set_reachability(const Reachability& reachability, std::string description) = 0;
  // Heals partitions and ends every clog.
  virtual void heal_network() = 0;
  // Messages sent from any of `from` to any of `to` are held until `until`.
  virtual void clog(std::vector<NodeId> from, std::vector<NodeId> to, Time until) = 0;
  virtual void clock_jump(NodeId node, Duration by) = 0;
  virtual void corrupt(NodeId node, uint32_t records) = 0;
  virtual void wipe(NodeId node) = 0;
  virtual void set_disk_full(NodeId node, bool full) = 0;
  // Stamps the time and records the event in the run's trace.
  virtual void record(TraceEvent& event) = 0;
};

struct NemesisCounters {
  // Per FaultKind index.
  std::array<uint64_t, fault_kind_count> arrivals{};
  std::array<uint64_t, fault_kind_count> injected{};
  std::array<uint64_t, fault_kind_count> skipped_budget{};
  // No candidate target (no up server to crash, too few servers for any partition shape, ...),
  // or a partition while a partition that is not the nemesis's own is in force.
  std::array<uint64_t, fault_kind_count> skipped_other{};

  uint64_t injected_total() const;
  uint64_t skipped_budget_total() const;
};

// One phase's random faults.
//
// Arrivals: every enabled kind is its own Poisson process (superposing them is the same process
// as one merged stream, and separate processes keep one kind's arrival times independent of the
// others' rates). Kind k draws from its own Rng, seeded by the k-th of eight values drawn from
// the nemesis stream at construction, so enabling or re-rating one kind never shifts another
// kind's arrival times. Inter-arrival gaps are Rng::exponential with mean 1e9*den/num ns rounded
// to the nearest ns (the conversion to integer ns happens in Rng, nowhere else). Arrivals fall in
// [phase_start, phase_end).
//
// Targets: crash and torn_crash pick the known up leader with probability 1/2 (when there is
// one), otherwise an up server uniformly; partition picks a shape uniformly among those that
// exist for N (isolate N>=2, the leader half the time as for crash; split of a random
// floor((N-1)/2) minority, bridge, one_way from a random set of 1..floor((N-1)/2) servers to the
// rest: N>=3; ring: N>=4); clog picks uniformly a random ordered pair, or a random server's
// inbound side, or its outbound side; clock_jump, corrupt (1 record) and wipe pick any server
// uniformly; disk_full an up server whose disk is not already full by this nemesis.
//
// Budget rule. A server is faulty when it is down, damaged (wiped or corrupted by this nemesis or
// passed to note_damaged), has its disk full by this nemesis, had its clock jumped by this nemesis
// by `by` less than |by| ago (its timers fire up to |by| off, which for a backward jump is a
// pause), or is not well-connected: Reachability::well_connected over the world's reachability
// with every path of this nemesis's active clogs also cut (a clogged path carries nothing until
// the clog ends), counting as "up" only the servers not already faulty for the reasons above. A
// drawn fault is injected only if the number of faulty servers in the state right after it
// (wipe: the server is down, as Raft halts on a wiped disk) is <= max_faulty; otherwise it is
// traced nemesis.skip reason=budget. Undoing faults only lowers the count, so the budget holds
// at every instant as far as this nemesis's own faults go (scripted faults may exceed it). With
// max_faulty 0 only faults that leave every server well-connected pass: clogs of one path,
// and the ring and bridge shapes for N >= 5 (each server still reaches-and-is-reached-by a
// majority).
//
// Undo: crash/torn_crash -> restart after the duration unless damaged; partition -> full
// reachability after the duration if the world's reachability is still the one it set (a new
// nemesis partition replaces its own earlier one; a partition arriving while another party's
// partition is in force is skipped, reason=partitioned); clog -> ends by itself at `until`;
// disk_full -> set_disk_full(false) after the duration, then a restart if the server went down
// meanwhile (Raft halts when a sync fails) and is not damaged.
//
// Trace: nemesis.<kind> with its targets and duration before the world's own events;
// nemesis.restart / nemesis.heal / nemesis.disk_full_end for undos; nemesis.skip with action,
// reason, target.
//
// Decisions (issue 6, `run --emit-scenario`): every arrival ends in exactly one decision,
// recorded in decisions() with its time since the phase start: an injection with its concrete
// targets, shape and duration, or a skip with the reason and target it traced.
//
// Scripted mode replays such a timeline instead of drawing: each kind's entries arrive at
// phase_start + at through the same event pattern as random arrivals (the first entry of every
// kind scheduled by start() in FaultKind order, each next one scheduled when its predecessor
// fires, after the fault's own undo events), and act through the same code, so a timeline of a
// random run's decisions gives the same trace, event for event. The budget is not applied (the
// timeline is what was decided); an entry whose precondition no longer holds (a crash of a server
// that is down, a wipe of a damaged one, a disk_full of a down or full one, a partition while
// another party's is in force: a shrinker removed what made it hold) is traced as a skip with
// reason already_down / already_damaged / already_full / partitioned, never aborts.
//
// The caller derives `rng` as streams.derive("nemesis", phase_index). The simulator and the world
// must outlive the nemesis; its callbacks capture `this`, so the destructor cancels them.
class Nemesis {
 public:
  Nemesis(const NemesisConfig& config, Rng rng, Simulator& simulator, NemesisWorld& world);
  // Scripted mode. Every entry is valid for the world's server count (sim/scenario's timeline
  // parser guarantees it; FL_CHECKed here); entries of one kind keep their order, stably sorted
  // by `at`.
  Nemesis(const std::vector<NemesisDecision>& timeline, Simulator& simulator, NemesisWorld& world);
  ~Nemesis();
  Nemesis(const Nemesis&) = delete;
  Nemesis& operator=(const Nemesis&) = delete;

  // Schedules the first arrival of every enabled kind. phase_start >= the simulator's now().
  void start(Time phase_start, Time phase_end);
  // Cancels pending arrivals and undo events and undoes at once every temporary fault of its own
  // still in force: restarts the servers it crashed (or that halted on its full disk) unless
  // damaged, ends disk_full, heals its partition (heal_network() when one of its clogs is still
  // active, which also ends any other clog; else set_reachability(full) if its partition is
  // still in force). Damage stays.
  void stop();

  // Counts `node` as damaged from now on (damage from an earlier phase or a scripted fault).
  void note_damaged(NodeId node);
  bool is_damaged(NodeId node) const;
  // Servers faulty now under the budget rule.
  uint32_t faulty_count() const;
  const NemesisCounters& counters() const { return counters_; }
  const NemesisConfig& config() const { return config_; }
  // Every arrival's decision so far, in the order taken.
  const std::vector<NemesisDecision>& decisions() const { return decisions_; }
  bool is_scripted() const { return scripted_; }

 private:
  struct ActiveClog {
    std::vector<uint32_t> from;
    std::vector<uint32_t> to;
    Time until;
  };
  // A fault's effect on the budget state: one more unhealthy server, a replacement
  // reachability, and/or more cut paths.
  struct Change {
    uint32_t unhealthy = 0;  // server number, 0: none
    const Reachability* reachability = nullptr;
    const ActiveClog* clog = nullptr;
  };

  // A partition's reachability and its traced targets ("n3", "n1,n2", "n3:n1,n2|n4,n5",
  // "all", "n1->n2,n3").
  struct PartitionPlan {
    Reachability reachability;
    std::string targets;
  };

  void schedule_arrival(FaultKind kind, Time from);
  void schedule_scripted(FaultKind kind);
  void on_arrival(FaultKind kind);
  // Random mode: draw, check the budget, act (nemesis_faults.cc).
  void inject(FaultKind kind, Rng& rng);
  void inject_crash(FaultKind kind, Rng& rng);
  void inject_partition(Rng& rng);
  void inject_clog(Rng& rng);
  void inject_clock_jump(Rng& rng);
  void inject_damage(FaultKind kind, Rng& rng);
  void inject_disk_full(Rng& rng);
  // Scripted mode: check the entry's precondition, act or skip.
  void replay(const NemesisDecision& entry);
  void check_entry(const NemesisDecision& entry) const;
  // Both modes: record the decision, trace it, act on the world, schedule the undo.
  void apply_crash(FaultKind kind, uint32_t number, Duration duration);
  void apply_partition(const NemesisDecision& decision, const PartitionPlan& plan);
  void apply_clog(const NemesisDecision& decision);
  void apply_clock_jump(uint32_t number, Duration by);
  void apply_damage(FaultKind kind, uint32_t number);
  void apply_disk_full(uint32_t number, Duration duration);
  PartitionPlan plan_partition(const NemesisDecision& decision) const;
  // A partition while another party's partition is in force is skipped (reason partitioned).
  bool partition_blocked() const;
  void end_crash(uint32_t number);
  void end_partition();
  void end_disk_full(uint32_t number);

  uint32_t faulty_after(const Change& change) const;
  bool within_budget(FaultKind kind, const Change& change, std::string_view target);
  void skip_for_budget(FaultKind kind, std::string_view target, uint32_t faulty);
  void skip(FaultKind kind, std::string_view reason, std::string_view target);
  // Stamps the decision with its time since the phase start and keeps it.
  void record_decision(NemesisDecision decision);
  // Up server, preferring the up leader with probability 1/2; 0 when none is up.
  uint32_t pick_up_server(Rng& rng) const;
  Duration draw_duration(Rng& rng) const;
  void prune_clogs();
  void cancel_all();

  NemesisConfig config_;
  Simulator& simulator_;
  NemesisWorld& world_;
  uint32_t server_count_;
  std::vector<Rng> kind_rngs_;                         // per FaultKind index
  std::array<Duration, fault_kind_count> mean_gap_{};  // 0: kind disabled
  Time phase_start_ = Time::zero();
  Time phase_end_ = Time::zero();
  bool running_ = false;
  // Scripted mode: the timeline's entries per FaultKind index, and the next one to arrive.
  bool scripted_ = false;
  std::array<std::vector<NemesisDecision>, fault_kind_count> script_;
  std::array<size_t, fault_kind_count> script_next_{};
  std::vector<NemesisDecision> decisions_;

  // Per server number (index 0 unused).
  std::vector<bool> damaged_;
  std::vector<bool> disk_full_;
  std::vector<Time> clock_skewed_until_;
  std::vector<std::optional<EventId>> restart_event_;
  std::vector<std::optional<EventId>> disk_full_end_event_;
  std::optional<Reachability> own_partition_;
  std::optional<EventId> heal_event_;
  std::vector<ActiveClog> clogs_;
  // Every pending event of ours is in one of these optionals (reset when it runs), so stop() and
  // the destructor can cancel them all.
  std::array<std::optional<EventId>, fault_kind_count> arrival_event_;
  NemesisCounters counters_;
};

}  // namespace faultline
