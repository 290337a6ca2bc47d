// File: shrink_knobs.cc
// The shrink search's reductions of numeric knobs (shrink_search.h): the workload (clients,
// rate, keys) and the network's loss, duplication and reordering.
// Every value written is in the scenario's own notation, so the judged text is what a user
// would write.
#include <fmt/format.h>
#include <charconv>
#include <string_view>

#include "sim/base/ratio.h"
#include "tools/shrink_search.h"

namespace faultline {
namespace {

bool is_map(const YAML::Node& node) {
  return node.IsDefined() && node.IsMap();
}

std::optional<uint64_t> integer_text(std::string_view text) {
  uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::optional<uint64_t> integer_of(const YAML::Node& node) {
  if (!node.IsDefined() || !node.IsScalar()) {
    return std::nullopt;
  }
  return integer_text(node.Scalar());
}

// The top-level workload map of a tree, read only (a null node when absent).
YAML::Node workload_of(const ShrinkTree& tree) {
  const YAML::Node& root = tree.root;
  return root["workload"];
}

}  // namespace

bool ShrinkSearch::lower_integer(uint64_t current, uint64_t minimum,
                                 const std::function<void(ShrinkTree&, uint64_t)>& set,
                                 const std::function<std::string(uint64_t, uint64_t)>& message) {
  if (current <= minimum || judge_.exhausted()) {
    return false;
  }
  ShrinkTree lowest = state_.tree.clone();
  set(lowest, minimum);
  if (attempt(std::move(lowest), {message(current, minimum)})) {
    return true;
  }
  bool changed = false;
  for (uint64_t value = current / 2; value > minimum && !judge_.exhausted(); value /= 2) {
    ShrinkTree candidate = state_.tree.clone();
    set(candidate, value);
    if (!attempt(std::move(candidate), {message(current, value)})) {
      break;
    }
    changed = true;
    current = value;
  }
  return changed;
}

bool ShrinkSearch::reduce_workload() {
  // liveness.commits demands that the commit index grow: with fewer clients or a lower rate it
  // fails for that reason alone (no workload, no commits), even with a correct protocol and no
  // fault, which is not the failure being shrunk. The workload is part of that demand.
  if (judge_.target().check == "liveness.commits") {
    return false;
  }
  const YAML::Node workload = workload_of(state_.tree);
  std::optional<uint64_t> clients =
      is_map(workload) ? integer_of(workload["clients"]) : std::nullopt;
  if (!clients || *clients == 0 || judge_.exhausted()) {
    return false;
  }
  ShrinkTree without = state_.tree.clone();
  without.root.remove("workload");
  if (attempt(std::move(without),
              {fmt::format("removed the workload (clients {} -> 0)", *clients)})) {
    return true;
  }
  bool changed = lower_integer(
      *clients, 1,
      [](ShrinkTree& tree, uint64_t value) { tree.root["workload"]["clients"] = value; },
      [](uint64_t from, uint64_t to) { return fmt::format("clients {} -> {}", from, to); });
  const YAML::Node rate = workload_of(state_.tree)["rate"];
  std::string rate_text = rate.IsDefined() && rate.IsScalar() ? rate.Scalar() : "100/s";
  if (std::optional<uint64_t> per_second = integer_text(rate_text.substr(0, rate_text.find('/')))) {
    changed = lower_integer(
                  *per_second, 1,
                  [](ShrinkTree& tree, uint64_t value) {
                    tree.root["workload"]["rate"] = fmt::format("{}/s", value);
                  },
                  [](uint64_t from, uint64_t to) {
                    return fmt::format("rate {}/s -> {}/s", from, to);
                  }) ||
              changed;
  }
  const YAML::Node keys = workload_of(state_.tree)["keys"];
  bool keys_map = is_map(keys);
  std::optional<uint64_t> key_count =
      keys.IsDefined() ? integer_of(keys_map ? keys["count"] : keys) : uint64_t{16};
  if (key_count) {
    changed =
        lower_integer(
            *key_count, 1,
            [keys_map](ShrinkTree& tree, uint64_t value) {
              YAML::Node written = tree.root["workload"];
              if (keys_map) {
                written["keys"]["count"] = value;
              } else {
                written["keys"] = value;
              }
            },
            [](uint64_t from, uint64_t to) { return fmt::format("keys {} -> {}", from, to); }) ||
        changed;
  }
  return changed;
}

bool ShrinkSearch::reduce_network() {
  bool changed = false;
  for (const char* key : {"loss", "duplicate", "reorder"}) {
    const YAML::Node& root = state_.tree.root;
    const YAML::Node network = root["network"];
    const YAML::Node value = is_map(network) ? network[key] : YAML::Node();
    if (!value.IsDefined() || !value.IsScalar() || judge_.exhausted()) {
      continue;
    }
    Result<Ratio> ratio = parse_ratio(value.Scalar());
    if (ratio.ok() && ratio->is_zero()) {
      continue;
    }
    ShrinkTree candidate = state_.tree.clone();
    candidate.root["network"].remove(key);
    changed =
        attempt(std::move(candidate), {fmt::format("network {} {} -> 0", key, value.Scalar())}) ||
        changed;
  }
  return changed;
}

}  // namespace faultline
