// File: leaderless_config.cc
// Names of the leaderless store's consistency levels, read-repair modes and timestamp sources.
#include "protocols/replication/leaderless_config.h"

#include <array>
#include <utility>

#include "protocols/common/name_table.h"

namespace faultline::replication {
namespace {

using Config = LeaderlessConfig;

constexpr std::array<std::pair<Config::Level, std::string_view>, 3> levels = {{
    {Config::Level::one, "one"},
    {Config::Level::quorum, "quorum"},
    {Config::Level::all, "all"},
}};
constexpr std::array<std::pair<Config::ReadRepair, std::string_view>, 3> read_repairs = {{
    {Config::ReadRepair::none, "none"},
    {Config::ReadRepair::async, "async"},
    {Config::ReadRepair::sync, "sync"},
}};
constexpr std::array<std::pair<Config::Timestamps, std::string_view>, 2> timestamp_sources = {{
    {Config::Timestamps::clock, "clock"},
    {Config::Timestamps::quorum_read, "quorum_read"},
}};

}  // namespace

uint32_t level_count(LeaderlessConfig::Level level, uint32_t replication_factor) {
  switch (level) {
    case LeaderlessConfig::Level::one:
      return 1;
    case LeaderlessConfig::Level::quorum:
      return replication_factor / 2 + 1;
    case LeaderlessConfig::Level::all:
      return replication_factor;
  }
  return replication_factor;
}

std::string_view level_name(LeaderlessConfig::Level level) {
  return common::name_of(levels, level);
}
std::optional<LeaderlessConfig::Level> level_from_name(std::string_view name) {
  return common::value_of(levels, name);
}
std::string_view read_repair_name(LeaderlessConfig::ReadRepair read_repair) {
  return common::name_of(read_repairs, read_repair);
}
std::optional<LeaderlessConfig::ReadRepair> read_repair_from_name(std::string_view name) {
  return common::value_of(read_repairs, name);
}
std::string_view timestamps_name(LeaderlessConfig::Timestamps timestamps) {
  return common::name_of(timestamp_sources, timestamps);
}
std::optional<LeaderlessConfig::Timestamps> timestamps_from_name(std::string_view name) {
  return common::value_of(timestamp_sources, name);
}

}  // namespace faultline::replication
