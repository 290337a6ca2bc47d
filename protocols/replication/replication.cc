// File: replication.cc
// Names of the strategies and bug variants (scenario YAML and transcripts).
#include "protocols/replication/replication.h"

#include <array>
#include <utility>

#include "protocols/common/name_table.h"

namespace faultline::replication {
namespace {

constexpr std::array<std::pair<ReplicationConfig::Strategy, std::string_view>, 2> strategies = {{
    {ReplicationConfig::Strategy::passive, "passive"},
    {ReplicationConfig::Strategy::semi_active, "semi_active"},
}};
constexpr std::array<std::pair<ReplicationConfig::Bug, std::string_view>, 3> bugs = {{
    {ReplicationConfig::Bug::none, "none"},
    {ReplicationConfig::Bug::no_epochs, "no_epochs"},
    {ReplicationConfig::Bug::followers_choose, "followers_choose"},
}};

}  // namespace

std::string_view strategy_name(ReplicationConfig::Strategy strategy) {
  return common::name_of(strategies, strategy);
}
std::optional<ReplicationConfig::Strategy> strategy_from_name(std::string_view name) {
  return common::value_of(strategies, name);
}
std::string_view bug_name(ReplicationConfig::Bug bug) {
  return common::name_of(bugs, bug);
}
std::optional<ReplicationConfig::Bug> bug_from_name(std::string_view name) {
  return common::value_of(bugs, name);
}

}  // namespace faultline::replication
