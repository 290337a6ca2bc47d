// File: scenario_emit.h
// A run's random faults written back as a standalone scenario (`faultline run --emit-scenario`,
// and `faultline shrink` turning random faults into a timeline): the original file's YAML tree
// with every phase's `nemesis` replaced by `{ timeline: [...] }`, the decisions that nemesis took
// in the run (RunReport's PhaseReport::nemesis_decisions), and `seed:` set to the run's seed.
// Owns the invariant that the text it returns parses, and that running it with no --seed and no
// --swarm gives the same trace, byte for byte, as the run it came from (swarm's choice of kinds
// and rates is subsumed: the timeline is what they produced).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/base/nemesis_decision.h"
#include "sim/base/result.h"
#include "sim/runner/runner.h"

namespace faultline {

// The emitted scenario's text. `scenario_path` is the file the run read (read again here);
// `seed` and `swarm` the run's, for the leading comment. Phases the run did not reach (it
// stopped at a failure) get an empty timeline: the replay stops at the same failure. Errors: the
// file cannot be read or parsed any more, or no longer matches the report (a phase with a
// nemesis that the run did not have, or the reverse); nothing is written anywhere.
Result<std::string> emit_scenario_yaml(const std::string& scenario_path, uint64_t seed, bool swarm,
                                       const RunReport& report);

// The number of decisions over all phases (for "scenario written to FILE (K nemesis
// decisions)").
uint64_t nemesis_decision_count(const RunReport& report);

// One timeline entry as flow YAML, e.g. "{at: 1.204518833s, crash: n3, duration: 2.1s}".
std::string format_timeline_entry(const NemesisDecision& decision);

// A duration as exact seconds: "0s", "2.1s", "-0.3s", "1.204518833s".
std::string format_seconds(Duration duration);

}  // namespace faultline
