// File: replication_params_parser.cc
// cluster.params for `protocol: replication` (replication_params.h).
#include "sim/scenario/replication_params_parser.h"

#include <algorithm>
#include <string_view>

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

}  // namespace

Status parse_replication_params(const YamlField& field, ReplicationParams& params) {
  Result<YamlMap> map =
      YamlMap::open(field, "a map of replication parameters",
                    {"strategy", "log", "detector", "max_entries_per_update", "bug"});
  if (!map) {
    return map.error();
  }
  FL_SCENARIO_TRY(read_optional(*map, "strategy", [&](const YamlField& value) {
    return read_choice(value, {"passive", "semi_active", "active"}, "strategy", params.strategy);
  }));
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
