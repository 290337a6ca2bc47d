// File: scenario_parser.cc
// The top level of a scenario file: the document, its top-level keys, checks and limits.
#include "sim/scenario/scenario_parser.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>
#include <algorithm>
#include <array>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "sim/base/check_catalog.h"
#include "sim/base/rng.h"
#include "sim/base/seed_list.h"
#include "sim/scenario/clock_parser.h"
#include "sim/scenario/network_parser.h"
#include "sim/scenario/phase_parser.h"
#include "sim/scenario/section_parsers.h"
#include "sim/scenario/workload_parser.h"
#include "sim/scenario/yaml_document.h"
#include "sim/scenario/yaml_map.h"

namespace faultline {
namespace {

constexpr uint64_t max_events_limit = 1'000'000'000'000;

// The checks whose events the cluster's protocol publishes (check_catalog.h), narrowed for
// replication by strategy: passive and semi_active publish replication.* and fd.* events, active
// runs the log's protocol (raft.* or paxos.* events) and the history-based checks, leaderless
// publishes leaderless.* events (replication.convergence) and the history-based checks.
std::vector<std::string_view> scenario_checks(const ClusterSpec& cluster) {
  std::vector<std::string_view> allowed = allowed_checks(cluster.protocol);
  if (cluster.protocol != "replication") {
    return allowed;
  }
  const ReplicationParams& replication = cluster.replication;
  bool active = replication.strategy == "active";
  bool leaderless = replication.strategy == "leaderless";
  std::erase_if(allowed, [&](std::string_view name) {
    bool raft = name.starts_with("raft.");
    bool paxos = name.starts_with("paxos.");
    if (leaderless) {
      // No primary, no epochs, no log, no failure detector: none of their events exist.
      return raft || paxos || name == "fd.qos" || name == "replication.one_primary_per_epoch" ||
             name == "replication.state_agreement";
    }
    if (name == "replication.convergence") {
      return true;  // only the leaderless store publishes per-key replica state
    }
    if (!active) {
      return raft || paxos;
    }
    if (name == "fd.qos" || name == "replication.state_agreement") {
      return true;  // the log's protocol traces neither failure-detector nor replication.apply
    }
    return replication.log == "raft" ? paxos : raft;
  });
  return allowed;
}

// A service with clients that claims to be linearizable (Raft's and Multi-Paxos's logs, the
// replication strategies with a primary) is checked for it unless the scenario lists its own
// checks. A leaderless store promises no such thing (K-01): it is checked only when asked.
void add_default_linearizable(Scenario& scenario) {
  if (scenario.cluster.protocol == "replication" &&
      scenario.cluster.replication.strategy == "leaderless") {
    return;
  }
  std::vector<std::string_view> allowed = scenario_checks(scenario.cluster);
  if (scenario.workload.clients > 0 &&
      std::find(allowed.begin(), allowed.end(), "linearizable") != allowed.end() &&
      std::find(scenario.checks.begin(), scenario.checks.end(), "linearizable") ==
          scenario.checks.end()) {
    scenario.checks.emplace_back("linearizable");
  }
}

// `field` names a check the scenario's protocol publishes events for.
Status read_check_name(const YamlField& field, const ClusterSpec& cluster, std::string& out) {
  std::vector<std::string_view> allowed = scenario_checks(cluster);
  if (!field.is_scalar() ||
      std::find(allowed.begin(), allowed.end(), field.text()) == allowed.end()) {
    std::string variant;
    if (cluster.protocol == "replication") {
      const ReplicationParams& replication = cluster.replication;
      variant = replication.strategy == "active"
                    ? fmt::format(" (strategy active, log {})", replication.log)
                    : fmt::format(" (strategy {})", replication.strategy);
    }
    return field.expected(fmt::format("a check name of protocol {}{}: {}", cluster.protocol,
                                      variant, join_names(allowed)));
  }
  out = field.text();
  return std::nullopt;
}

Status parse_checks(const YamlField& field, const ClusterSpec& cluster,
                    const WorkloadSpec& workload, std::vector<std::string>& checks) {
  if (!field.is_list()) {
    return field.expected("a list of check names");
  }
  checks.clear();
  for (const YamlField& element : field.elements()) {
    std::string name;
    FL_SCENARIO_TRY(read_check_name(element, cluster, name));
    if (workload.clients == 0 && needs_client_history(name)) {
      return element.error(
          fmt::format("check '{}' judges the client history, but the scenario has no clients "
                      "(workload.clients)",
                      name));
    }
    if (std::find(checks.begin(), checks.end(), name) != checks.end()) {
      return element.error(fmt::format("check '{}' is listed twice", name));
    }
    checks.push_back(std::move(name));
  }
  return std::nullopt;
}

Status parse_limits(const YamlField& field, LimitsSpec& limits) {
  Result<YamlMap> map =
      YamlMap::open(field, "a map such as { max_events: 200000000 }", {"max_events"});
  if (!map) {
    return map.error();
  }
  return read_optional(*map, "max_events", [&](const YamlField& value) {
    return value.read_unsigned(limits.max_events, 1, max_events_limit);
  });
}

// Liveness checks a negative scenario may expect, each with the phase expectation that arms it.
struct LivenessCheckName {
  std::string_view name;
  bool (*armed)(const PhaseSpec&);
};
constexpr std::array<LivenessCheckName, 3> liveness_check_names = {{
    {"liveness.leader", [](const PhaseSpec& phase) { return phase.leader_within.has_value(); }},
    {"liveness.commits",
     [](const PhaseSpec& phase) { return phase.commits_resume_within.has_value(); }},
    {"liveness.leader_changes",
     [](const PhaseSpec& phase) { return phase.max_leader_changes.has_value(); }},
}};

Status parse_expect_violation(const YamlField& field, Scenario& scenario) {
  if (field.is_scalar() && field.text().rfind("liveness.", 0) == 0) {
    for (const LivenessCheckName& check : liveness_check_names) {
      if (field.text() != check.name) {
        continue;
      }
      scenario.expect_violation = field.text();
      for (const PhaseSpec& phase : scenario.phases) {
        if (check.armed(phase)) {
          return std::nullopt;
        }
      }
      return field.error(fmt::format("check '{}' is never armed: no phase has its expectation",
                                     scenario.expect_violation));
    }
    return field.expected(
        fmt::format("a check name: {}, liveness.leader, liveness.commits, liveness.leader_changes",
                    join_names(allowed_checks(scenario.cluster.protocol))));
  }
  FL_SCENARIO_TRY(read_check_name(field, scenario.cluster, scenario.expect_violation));
  const std::vector<std::string>& checks = scenario.checks;
  if (std::find(checks.begin(), checks.end(), scenario.expect_violation) == checks.end()) {
    return field.error(
        fmt::format("check '{}' is not among the scenario's checks", scenario.expect_violation));
  }
  return std::nullopt;
}

// replication.convergence is judged only against a phase's `converge_within`, and that
// expectation means nothing without the check: either alone is an error (no check passes
// vacuously, no expectation is silently ignored).
Status check_convergence_expectation(const YamlMap& map, const Scenario& scenario) {
  constexpr std::string_view check = "replication.convergence";
  bool listed =
      std::find(scenario.checks.begin(), scenario.checks.end(), check) != scenario.checks.end();
  const PhaseSpec* expecting = nullptr;
  for (const PhaseSpec& phase : scenario.phases) {
    if (phase.converge_within) {
      expecting = &phase;
      break;
    }
  }
  if (expecting != nullptr && !listed) {
    return Error{fmt::format("converge_within needs the check {} (strategy leaderless) among the "
                             "scenario's checks",
                             check),
                 scenario.file, expecting->converge_within_line, expecting->converge_within_path};
  }
  if (expecting == nullptr && listed) {
    std::optional<YamlField> checks = map.find("checks");
    const YamlField& at = checks ? *checks : map.field();
    return at.error(fmt::format(
        "check {} needs a phase whose expect has converge_within (e.g. a heal phase with expect: "
        "{{ converge_within: 5s }}){}",
        check,
        checks ? "" : "; it is a default check of strategy leaderless: list checks without it"));
  }
  return std::nullopt;
}

// `seeds`: the seeds `faultline test` runs the scenario on. A string in the --seeds form (`7`,
// `1..5`, `1,4,9..12`) or a list whose elements are each a seed or a range; no seed twice.
Status parse_seeds(const YamlField& field, std::vector<uint64_t>& seeds) {
  constexpr std::string_view what = "a list of seeds or ranges such as [1, 2, 5..8], or \"1..5\"";
  std::vector<YamlField> elements;
  if (field.is_scalar()) {
    elements.push_back(field);
  } else if (field.is_list() && field.node().size() > 0) {
    elements = field.elements();
  } else {
    return field.expected(what);
  }
  std::vector<uint64_t> all;
  std::set<uint64_t> seen;
  for (const YamlField& element : elements) {
    if (!element.is_scalar()) {
      return element.expected(what);
    }
    Result<SeedList> list = parse_seed_list(element.text());
    if (!list) {
      return element.error(list.error().message);
    }
    if (all.size() + list->size() > max_scenario_seeds) {
      return element.error(
          fmt::format("more than {} seeds: keep the seeds a test runs few", max_scenario_seeds));
    }
    for (uint64_t position = 0; position < list->size(); ++position) {
      uint64_t seed = list->at(position);
      if (!seen.insert(seed).second) {
        return element.error(fmt::format("seed {} is listed twice", seed));
      }
      all.push_back(seed);
    }
  }
  seeds = std::move(all);
  return std::nullopt;
}

// The world: name, seed, cluster, network, clocks, disk, workload.
Status parse_world(const YamlMap& map, Scenario& scenario) {
  Result<YamlField> name = map.require("name");
  if (!name) {
    return name.error();
  }
  FL_SCENARIO_TRY(name->read_name(scenario.name));
  FL_SCENARIO_TRY(read_optional(map, "seed", [&](const YamlField& value) -> Status {
    Result<uint64_t> seed = parse_seed(value.text());
    if (!value.is_scalar() || !seed) {
      return value.expected("a seed: a 64-bit unsigned integer or a 40-hex-digit commit hash");
    }
    scenario.seed = *seed;
    return std::nullopt;
  }));
  FL_SCENARIO_TRY(read_optional(
      map, "seeds", [&](const YamlField& value) { return parse_seeds(value, scenario.seeds); }));
  Result<YamlField> cluster = map.require("cluster");
  if (!cluster) {
    return cluster.error();
  }
  FL_SCENARIO_TRY(parse_cluster(*cluster, scenario.cluster));
  FL_SCENARIO_TRY(read_optional(map, "network", [&](const YamlField& value) {
    return parse_network(value, scenario.cluster.nodes, scenario.network);
  }));
  FL_SCENARIO_TRY(read_optional(map, "clocks", [&](const YamlField& value) {
    return parse_clocks(value, scenario.cluster.nodes, scenario.clocks);
  }));
  FL_SCENARIO_TRY(read_optional(
      map, "disk", [&](const YamlField& value) { return parse_disk(value, scenario.disk); }));
  return read_optional(map, "workload", [&](const YamlField& value) {
    return parse_workload(value, scenario.workload);
  });
}

Result<Scenario> parse_document(const YAML::Node& document, const std::string& file_name) {
  YamlField root(document, "", yaml_line(document, 1), file_name);
  Result<YamlMap> map =
      YamlMap::open(root, "a map with keys name, cluster and phases at the top",
                    {"name", "seed", "seeds", "cluster", "network", "clocks", "disk", "workload",
                     "phases", "checks", "limits", "expect_violation"});
  if (!map) {
    return map.error();
  }
  Scenario scenario;
  scenario.file = file_name;
  FL_SCENARIO_TRY(parse_world(*map, scenario));
  for (std::string_view check : default_checks(scenario.cluster.protocol)) {
    scenario.checks.emplace_back(check);
  }
  const ReplicationParams& replication = scenario.cluster.replication;
  if (scenario.cluster.protocol == "replication") {
    if (replication.strategy == "active") {
      for (std::string_view check : default_checks(replication.log)) {
        scenario.checks.emplace_back(check);  // the log protocol's own invariants
      }
    }
    std::vector<std::string_view> allowed = scenario_checks(scenario.cluster);
    std::erase_if(scenario.checks, [&](const std::string& check) {
      return std::find(allowed.begin(), allowed.end(), check) == allowed.end();
    });
  }
  add_default_linearizable(scenario);
  Result<YamlField> phases_field = map->require("phases");
  if (!phases_field) {
    return phases_field.error();
  }
  Result<std::vector<PhaseSpec>> phases = parse_phases(*phases_field, scenario.cluster.nodes);
  if (!phases) {
    return phases.error();
  }
  scenario.phases = std::move(*phases);
  FL_SCENARIO_TRY(read_optional(*map, "checks", [&](const YamlField& value) {
    return parse_checks(value, scenario.cluster, scenario.workload, scenario.checks);
  }));
  FL_SCENARIO_TRY(read_optional(*map, "limits", [&](const YamlField& value) {
    return parse_limits(value, scenario.limits);
  }));
  FL_SCENARIO_TRY(read_optional(*map, "expect_violation", [&](const YamlField& value) {
    return parse_expect_violation(value, scenario);
  }));
  FL_SCENARIO_TRY(check_convergence_expectation(*map, scenario));
  return scenario;
}

Error file_error(const std::string& file_name, std::string message) {
  return Error{std::move(message), file_name, 0, ""};
}

}  // namespace

Result<Scenario> parse_scenario(std::string_view yaml_text, const std::string& file_name) {
  Result<YAML::Node> document = load_single_document(yaml_text, file_name);
  if (!document) {
    return document.error();
  }
  if (document->IsNull()) {
    return file_error(file_name,
                      "empty scenario: expected a map with keys name, cluster and phases");
  }
  // Reading the tree uses only non-throwing accessors; this guards against allocation failure.
  try {
    return parse_document(*document, file_name);
  } catch (const std::exception& exception) {
    return file_error(file_name, fmt::format("cannot read scenario: {}", exception.what()));
  }
}

Result<std::string> read_scenario_text(const std::string& path) {
  std::error_code error;
  std::filesystem::file_status status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status)) {
    return file_error(path, "cannot read scenario file: no such file");
  }
  if (!std::filesystem::is_regular_file(status)) {
    return file_error(path, "cannot read scenario file: not a regular file");
  }
  uintmax_t size = std::filesystem::file_size(path, error);
  if (error || size > max_scenario_bytes) {
    return file_error(
        path, fmt::format("cannot read scenario file: larger than {} bytes", max_scenario_bytes));
  }
  std::ifstream stream(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  if (!stream && !stream.eof()) {
    return file_error(path, "cannot read scenario file: read error");
  }
  return text;
}

Result<Scenario> load_scenario(const std::string& path) {
  Result<std::string> text = read_scenario_text(path);
  if (!text) {
    return text.error();
  }
  return parse_scenario(*text, path);
}

}  // namespace faultline
