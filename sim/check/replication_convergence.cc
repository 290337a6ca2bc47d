// File: replication_convergence.cc
#include "sim/check/replication_convergence.h"

#include <fmt/format.h>

namespace faultline {
namespace {

std::vector<std::string> split_names(std::string_view text) {
  std::vector<std::string> names;
  while (!text.empty()) {
    size_t comma = text.find(',');
    names.emplace_back(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return names;
}

}  // namespace

void ConvergenceChecker::observe(const TraceEvent& event) {
  judge_until(event.time);
  if (event.component == "leaderless") {
    if (event.name == "store") {
      on_store(event);
    } else if (event.name == "recover") {
      std::string node = event.node.name();
      forget_node(node);
      live_[node] = true;
    }
    return;
  }
  if (event.is("node", "crash") || event.is("node", "halt")) {
    std::string node = event.node.name();
    forget_node(node);
    live_[node] = false;
    return;
  }
  if (event.is("phase", "start")) {
    if (armed_) {
      judge_until(event.time + Duration{1});  // due at the phase's last instant
      dropped_ += obligations_.size();
      obligations_.clear();
      initial_.clear();
      armed_ = false;
    }
    return;
  }
  if (event.is("phase", "expect") && event.has("converge_within")) {
    arm(event.time, Duration{event.number("converge_within")});
  }
}

void ConvergenceChecker::forget_node(const std::string& node) {
  for (auto& [key, state] : keys_) {
    state.held.erase(node);
  }
}

void ConvergenceChecker::arm(Time start, Duration within) {
  armed_ = true;
  start_ = start;
  within_ = within;
  converged_after_.reset();
  for (const auto& [key, state] : keys_) {
    const Held* newest = nullptr;
    const std::string* holder = nullptr;
    for (const auto& [node, item] : state.held) {
      if (newest == nullptr || item > *newest) {
        newest = &item;
        holder = &node;
      }
    }
    if (newest != nullptr) {
      obligations_.push_back(Obligation{key, *newest, *holder, start, start + within});
      initial_[key] = *newest;
    }
  }
  note_initial_progress(start);
}

void ConvergenceChecker::on_store(const TraceEvent& event) {
  std::string key(event.text("key"));
  std::string node = event.node.name();
  KeyState& state = keys_[key];
  if (state.replicas.empty()) {
    state.replicas = split_names(event.text("replicas"));
  }
  Held item{event.number("ts"), event.number("writer"), std::string(event.text("value"))};
  state.held[node] = item;
  if (!armed_) {
    return;
  }
  Time since = event.time < start_ ? start_ : event.time;
  obligations_.push_back(Obligation{key, std::move(item), node, since, since + within_});
  if (initial_.count(key) != 0) {
    note_initial_progress(event.time);
  }
}

std::optional<std::string> ConvergenceChecker::lagging(const std::string& key,
                                                       const Held& item) const {
  const KeyState& state = keys_.at(key);
  for (const std::string& replica : state.replicas) {
    auto live = live_.find(replica);
    if (live == live_.end() || !live->second) {
      continue;  // down (or never started): judged once it recovers and holds something
    }
    auto held = state.held.find(replica);
    if (held == state.held.end() || held->second < item) {
      return replica;
    }
  }
  return std::nullopt;
}

void ConvergenceChecker::note_initial_progress(Time now) {
  std::erase_if(initial_,
                [&](const auto& entry) { return !lagging(entry.first, entry.second).has_value(); });
  if (initial_.empty() && armed_ && !converged_after_) {
    converged_after_ = now - start_;
  }
}

void ConvergenceChecker::judge_until(Time now) {
  while (!fired() && !obligations_.empty() && obligations_.front().deadline < now) {
    judge(obligations_.front());
    obligations_.pop_front();
  }
}

void ConvergenceChecker::judge(const Obligation& obligation) {
  ++judged_;
  std::optional<std::string> replica = lagging(obligation.key, obligation.item);
  if (!replica) {
    return;
  }
  const KeyState& state = keys_.at(obligation.key);
  auto held = state.held.find(*replica);
  std::string has = held == state.held.end()
                        ? std::string("nothing")
                        : fmt::format("ts={} writer=n{} value={}", held->second.timestamp,
                                      held->second.writer, held->second.value);
  report(Violation{
      std::string(check_name), obligation.deadline, NodeId::none(),
      fmt::format("key {}: replica {} holds {} at {}, but {} held ts={} writer=n{} value={} "
                  "since {} (converge_within {})",
                  obligation.key, *replica, has, format_seconds(obligation.deadline),
                  obligation.holder, obligation.item.timestamp, obligation.item.writer,
                  obligation.item.value, format_seconds(obligation.since),
                  format_duration(within_))});
}

void ConvergenceChecker::finish_run(Time end) {
  judge_until(end + Duration{1});
}

void ConvergenceChecker::figures(std::vector<std::pair<std::string, std::string>>& out) const {
  out.emplace_back("convergence.judged", fmt::format("{} items", judged_));
  out.emplace_back("convergence.unjudged",
                   fmt::format("{} items (due after their phase or the run ended)",
                               dropped_ + obligations_.size()));
  // Milliseconds with microseconds, in integers (no floating point in output).
  std::string after = "never";
  if (converged_after_) {
    int64_t us = converged_after_->ns / 1000;
    after = fmt::format("{}.{:03}ms", us / 1000, us % 1000);
  }
  out.emplace_back("convergence.after_heal", after);
}

}  // namespace faultline
