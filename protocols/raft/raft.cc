// File: raft.cc
// The factory behind make_raft: checks the configuration once, then builds a RaftNode.
#include "protocols/raft/raft.h"

#include <utility>

#include "protocols/raft/raft_node.h"
#include "sim/base/check.h"

namespace faultline::raft {

namespace {

constexpr std::pair<RaftConfig::Bug, std::string_view> bug_names[] = {
    {RaftConfig::Bug::none, "none"},
    {RaftConfig::Bug::commit_old_term_by_count, "commit_old_term_by_count"},
    {RaftConfig::Bug::clear_vote_on_append, "clear_vote_on_append"},
    {RaftConfig::Bug::count_duplicate_acks, "count_duplicate_acks"},
    {RaftConfig::Bug::ack_before_sync, "ack_before_sync"},
};

}  // namespace

std::string_view bug_name(RaftConfig::Bug bug) {
  for (const auto& [value, name] : bug_names) {
    if (value == bug) {
      return name;
    }
  }
  FL_CHECK(false, "unnamed RaftConfig::Bug {}", static_cast<int>(bug));
  return "?";
}

std::optional<RaftConfig::Bug> bug_from_name(std::string_view name) {
  for (const auto& [value, text] : bug_names) {
    if (text == name) {
      return value;
    }
  }
  return std::nullopt;
}

std::unique_ptr<Protocol> make_raft(NodeEnv& env, const RaftConfig& config) {
  FL_CHECK(config.election_timeout_min.ns > 0, "election_timeout_min must be positive");
  FL_CHECK(config.election_timeout_min <= config.election_timeout_max,
           "election_timeout_min {} > election_timeout_max {}", config.election_timeout_min.ns,
           config.election_timeout_max.ns);
  FL_CHECK(config.heartbeat_interval.ns > 0, "heartbeat_interval must be positive");
  FL_CHECK(config.max_entries_per_append > 0, "max_entries_per_append must be positive");
  FL_CHECK(config.max_append_bytes > 0, "max_append_bytes must be positive");
  return std::make_unique<RaftNode>(env, config);
}

}  // namespace faultline::raft
