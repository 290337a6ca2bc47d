// File: replication_params_parser.cc
// cluster.params for `protocol: replication` (replication_params.h).
#include "sim/scenario/replication_params_parser.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "sim/scenario/detector_params_parser.h"
#include "sim/scenario/yaml_map.h"

namespace faultline {
namespace {

// A scalar that must be one of `names`, into `out`.
Status read_choice(const YamlField& value, std::initializer_list<std::string_view> names,
                   std::string_view what, std::string& out) {
  if (!value.is_scalar() || std::find(names.begin(), names.end(), value.text()) == names.end()) {
    return value.expected(fmt::format("a known {}: {}", what, join_names(names)));
  }
  out = value.text();
  return std::nullopt;
}

// A key the strategy does not use is an error at that key, never silently ignored.
Status reject_for_strategy(const YamlMap& map, std::string_view key, std::string_view strategy) {
  if (std::optional<YamlField> field = map.find(key)) {
    return field->error(fmt::format("does not apply to strategy {}", strategy));
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 8> leaderless_keys = {
    "replication_factor", "virtual_nodes",         "write_consistency",   "read_consistency",
    "read_repair",        "anti_entropy_interval", "coordinator_timeout", "timestamps"};

// strategy leaderless: its own keys; the failover machinery's keys are errors.
Status parse_leaderless(const YamlMap& map, LeaderlessParams& params, uint32_t node_count) {
  for (std::string_view key : {"log", "detector", "max_entries_per_update", "bug"}) {
    FL_SCENARIO_TRY(reject_for_strategy(map, key, "leaderless"));
  }
  FL_SCENARIO_TRY(read_optional(map, "replication_factor", [&](const YamlField& value) {
    return value.read_unsigned(params.replication_factor, 1, node_count);
  }));
  FL_SCENARIO_TRY(read_optional(map, "virtual_nodes", [&](const YamlField& value) {
    return value.read_unsigned(params.virtual_nodes, 1, 1024);
  }));
  // Not a structured binding: clang++ 14 (Debian 12) cannot capture one in the lambda.
  for (const auto& level : {std::pair{"write_consistency", &params.write_consistency},
                            std::pair{"read_consistency", &params.read_consistency}}) {
    std::string* out = level.second;
    FL_SCENARIO_TRY(read_optional(map, level.first, [&](const YamlField& value) {
      return read_choice(value, {"one", "quorum", "all"}, "consistency level", *out);
    }));
  }
  FL_SCENARIO_TRY(read_optional(map, "read_repair", [&](const YamlField& value) {
    return read_choice(value, {"none", "async", "sync"}, "read repair", params.read_repair);
  }));
  FL_SCENARIO_TRY(read_optional(map, "timestamps", [&](const YamlField& value) {
    return read_choice(value, {"clock", "quorum_read"}, "timestamp source", params.timestamps);
  }));
  FL_SCENARIO_TRY(
      read_optional(map, "anti_entropy_interval", [&](const YamlField& value) -> Status {
        FL_SCENARIO_TRY(value.read_duration(params.anti_entropy_interval, DurationFloor::zero));
        // STYLE.md 7: a round every few nanoseconds would flood the event queue (and memory) long
        // before it did anything useful; 0 turns anti-entropy off.
        if (params.anti_entropy_interval.ns != 0 &&
            params.anti_entropy_interval < Duration::milliseconds(1)) {
          return value.error(
              fmt::format("must be 0 (off) or at least 1ms, got '{}'", value.text()));
        }
        return std::nullopt;
      }));
  return read_optional(map, "coordinator_timeout", [&](const YamlField& value) {
    return value.read_duration(params.coordinator_timeout, DurationFloor::positive);
  });
}

}  // namespace

Status parse_replication_params(const YamlField& field, ReplicationParams& params,
                                uint32_t node_count) {
  Result<YamlMap> map =
      YamlMap::open(field, "a map of replication parameters",
                    {"strategy", "log", "detector", "max_entries_per_update", "bug",
                     "replication_factor", "virtual_nodes", "write_consistency", "read_consistency",
                     "read_repair", "anti_entropy_interval", "coordinator_timeout", "timestamps"});
  if (!map) {
    return map.error();
  }
  FL_SCENARIO_TRY(read_optional(*map, "strategy", [&](const YamlField& value) {
    return read_choice(value, {"passive", "semi_active", "active", "leaderless"}, "strategy",
                       params.strategy);
  }));
  if (params.strategy == "leaderless") {
    return parse_leaderless(*map, params.leaderless, node_count);
  }
  for (std::string_view key : leaderless_keys) {
    FL_SCENARIO_TRY(reject_for_strategy(*map, key, params.strategy));
  }
  if (params.strategy == "active") {
    for (std::string_view key : {"max_entries_per_update", "bug"}) {
      FL_SCENARIO_TRY(reject_for_strategy(*map, key, params.strategy));
    }
    FL_SCENARIO_TRY(read_optional(*map, "log", [&](const YamlField& value) {
      return read_choice(value, {"raft", "multi_paxos"}, "log", params.log);
    }));
    if (params.log == "raft") {
      if (std::optional<YamlField> detector = map->find("detector")) {
        return detector->error("does not apply to log raft (it elects by its own timeouts)");
      }
      return std::nullopt;
    }
    return read_optional(*map, "detector", [&](const YamlField& value) {
      return parse_detector_params(value, params.detector);
    });
  }
  FL_SCENARIO_TRY(reject_for_strategy(*map, "log", params.strategy));
  FL_SCENARIO_TRY(read_optional(*map, "detector", [&](const YamlField& value) {
    return parse_detector_params(value, params.detector);
  }));
  FL_SCENARIO_TRY(read_optional(*map, "max_entries_per_update", [&](const YamlField& value) {
    return value.read_unsigned(params.max_entries_per_update, 1, 4096);
  }));
  return read_optional(*map, "bug", [&](const YamlField& value) -> Status {
    if (params.strategy == "semi_active") {
      return read_choice(value, {"no_epochs", "followers_choose"}, "bug", params.bug);
    }
    return read_choice(value, {"no_epochs"}, "bug for strategy passive", params.bug);
  });
}

}  // namespace faultline
