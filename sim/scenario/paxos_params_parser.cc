// File: paxos_params_parser.cc
// Reads `cluster.params` for `protocol: paxos` (keys in protocols/paxos/README.md). Strict: an
// unknown key is an error; every error names file:line:key.
#include "sim/scenario/paxos_params_parser.h"

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "sim/scenario/node_target_parser.h"
#include "sim/scenario/yaml_map.h"

namespace faultline {
namespace {

constexpr std::array<std::string_view, 3> paxos_bugs = {
    "accept_without_promise_check", "no_promise_on_accept", "forget_promise_on_restart"};
constexpr uint32_t max_paxos_rounds = 1'000'000;
constexpr uint32_t largest_cluster = 64;  // cluster.nodes is at most 64

Status parse_proposers(const YamlField& field, const NodeTargetParser& nodes, PaxosParams& paxos) {
  if (!field.is_list() || field.elements().empty()) {
    return field.expected(
        fmt::format("a non-empty list of node names ({})", nodes.expected_name()));
  }
  paxos.proposers.clear();
  for (const YamlField& element : field.elements()) {
    uint32_t number = 0;
    FL_SCENARIO_TRY(nodes.parse_server(element, number));
    if (std::find(paxos.proposers.begin(), paxos.proposers.end(), number) !=
        paxos.proposers.end()) {
      return element.error(fmt::format("node 'n{}' is named twice", number));
    }
    paxos.proposers.push_back(number);
  }
  std::sort(paxos.proposers.begin(), paxos.proposers.end());
  return std::nullopt;
}

// propose_at: 5ms | { n1: 0ms, n2: 5ms }
Status parse_propose_at(const YamlField& field, const NodeTargetParser& nodes, PaxosParams& paxos) {
  if (!field.is_map()) {
    return field.read_duration(paxos.propose_at, DurationFloor::zero);
  }
  Result<YamlMap> map = YamlMap::open(field, "a duration or a map from node name to duration");
  if (!map) {
    return map.error();
  }
  for (const YamlMap::Entry& entry : map->entries()) {
    uint32_t number = 0;
    YamlField key(YAML::Node(entry.key), field.path() + "." + entry.key, entry.key_line,
                  field.file());
    FL_SCENARIO_TRY(nodes.parse_server(key, number));
    Duration at{};
    FL_SCENARIO_TRY(entry.value.read_duration(at, DurationFloor::zero));
    paxos.propose_at_by_node[number] = at;
  }
  return std::nullopt;
}

Status parse_backoff(const YamlField& value, PaxosParams& paxos) {
  if (!value.is_scalar() || (value.text() != "none" && value.text() != "random")) {
    return value.expected("none or random");
  }
  paxos.backoff_random = value.text() == "random";
  return std::nullopt;
}

Status parse_bug(const YamlField& value, PaxosParams& paxos) {
  if (!value.is_scalar() ||
      std::find(paxos_bugs.begin(), paxos_bugs.end(), value.text()) == paxos_bugs.end()) {
    return value.expected(
        fmt::format("a known bug: {}, {}, {}", paxos_bugs[0], paxos_bugs[1], paxos_bugs[2]));
  }
  paxos.bug = value.text();
  return std::nullopt;
}

}  // namespace

Status parse_paxos_params(const YamlField& params, PaxosParams& out, uint32_t node_count) {
  Result<YamlMap> map = YamlMap::open(params, "a map of paxos parameters",
                                      {"proposers", "propose_at", "phase_timeout", "retry_delay",
                                       "backoff", "backoff_max", "max_rounds", "bug"});
  if (!map) {
    return map.error();
  }
  NodeTargetParser nodes(node_count);
  FL_SCENARIO_TRY(read_optional(*map, "proposers", [&](const YamlField& value) {
    return parse_proposers(value, nodes, out);
  }));
  FL_SCENARIO_TRY(read_optional(*map, "propose_at", [&](const YamlField& value) {
    return parse_propose_at(value, nodes, out);
  }));
  for (const auto& [number, at] : out.propose_at_by_node) {
    if (std::find(out.proposers.begin(), out.proposers.end(), number) == out.proposers.end()) {
      return map->find("propose_at")->error(fmt::format("n{} is not one of the proposers", number));
    }
  }
  FL_SCENARIO_TRY(read_optional(*map, "phase_timeout", [&](const YamlField& value) {
    return value.read_duration(out.phase_timeout, DurationFloor::positive);
  }));
  FL_SCENARIO_TRY(read_optional(*map, "retry_delay", [&](const YamlField& value) {
    return value.read_duration(out.retry_delay, DurationFloor::zero);
  }));
  FL_SCENARIO_TRY(read_optional(*map, "backoff",
                                [&](const YamlField& value) { return parse_backoff(value, out); }));
  FL_SCENARIO_TRY(read_optional(*map, "backoff_max", [&](const YamlField& value) {
    return value.read_duration(out.backoff_max, DurationFloor::positive);
  }));
  FL_SCENARIO_TRY(read_optional(*map, "max_rounds", [&](const YamlField& value) {
    return value.read_unsigned(out.max_rounds, 1, max_paxos_rounds);
  }));
  return read_optional(*map, "bug", [&](const YamlField& value) { return parse_bug(value, out); });
}

Status parse_paxos_params(const YamlField& params, PaxosParams& out) {
  return parse_paxos_params(params, out, largest_cluster);
}

}  // namespace faultline
