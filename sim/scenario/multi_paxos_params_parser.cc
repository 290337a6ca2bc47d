// File: multi_paxos_params_parser.cc
// parse_multi_paxos_params: the keys `detector` (parse_detector_params), max_slots_per_round and
// bug.
#include "sim/scenario/multi_paxos_params_parser.h"

#include "sim/scenario/detector_params_parser.h"
#include "sim/scenario/yaml_map.h"

namespace faultline {

namespace {
constexpr uint32_t max_slots_per_round_limit = 10'000;  // STYLE.md 7
}  // namespace

Status parse_multi_paxos_params(const YamlField& field, MultiPaxosParams& params) {
  Result<YamlMap> map = YamlMap::open(field,
                                      "a map of multi_paxos parameters such as "
                                      "{ detector: { interval: 50ms, timeout: 200ms } }",
                                      {"detector", "max_slots_per_round", "bug"});
  if (!map) {
    return map.error();
  }
  FL_SCENARIO_TRY(read_optional(*map, "detector", [&](const YamlField& value) {
    return parse_detector_params(value, params.detector);
  }));
  FL_SCENARIO_TRY(read_optional(*map, "max_slots_per_round", [&](const YamlField& value) {
    return value.read_unsigned(params.max_slots_per_round, 1, max_slots_per_round_limit);
  }));
  return read_optional(*map, "bug", [&](const YamlField& value) -> Status {
    if (!value.is_scalar() || value.text() != "ignore_promise_reports") {
      return value.expected("a known bug: ignore_promise_reports");
    }
    params.bug = value.text();
    return std::nullopt;
  });
}

}  // namespace faultline
