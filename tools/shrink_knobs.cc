// File: shrink_knobs.cc
// The shrink search's reductions of numeric knobs (shrink_search.h): random nemeses and their
// rates, the workload (clients, rate, keys) and the network's loss, duplication and reordering.
// Every value written is in the scenario's own notation, so the judged text is what a user
// would write.
#include <fmt/format.h>
#include <array>
#include <charconv>
#include <string_view>

#include "sim/base/ratio.h"
#include "tools/shrink_search.h"

namespace faultline {
namespace {

constexpr std::array<std::string_view, 8> nemesis_kinds = {
    "crash", "partition", "clog", "clock_jump", "torn_crash", "corrupt", "wipe", "disk_full"};

// Fractional rates are written with at most this many decimals (docs/scenario-reference.md).
constexpr size_t max_rate_decimals = 9;

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

// "0.5/s" -> "0.25/s", "3/s" -> "1.5/s"; nullopt for zero, for a rate that needs more decimals
// than a rate may have, or for anything not in the decimal form.
std::optional<std::string> half_rate(const std::string& text) {
  if (!text.ends_with("/s")) {
    return std::nullopt;
  }
  std::string number = text.substr(0, text.size() - 2);
  size_t point = number.find('.');
  std::string digits =
      point == std::string::npos ? number : number.substr(0, point) + number.substr(point + 1);
  size_t decimals = point == std::string::npos ? 0 : number.size() - point - 1;
  uint64_t scaled = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), scaled);
  if (error != std::errc() || end != digits.data() + digits.size() || scaled == 0 ||
      scaled > UINT64_MAX / 5) {
    return std::nullopt;
  }
  if (scaled % 2 == 0) {
    scaled /= 2;
  } else if (decimals < max_rate_decimals) {
    scaled *= 5;
    ++decimals;
  } else {
    return std::nullopt;
  }
  std::string value = std::to_string(scaled);
  if (decimals > 0) {
    value.insert(0, decimals + 1 > value.size() ? decimals + 1 - value.size() : 0, '0');
    value.insert(value.size() - decimals, ".");
    value.erase(value.find_last_not_of('0') + 1);
    if (value.ends_with('.')) {
      value.pop_back();
    }
  }
  return value + "/s";
}

// "crash=0.5/s partition=1/s": the nemesis's nonzero rates, for messages.
std::string describe_rates(const YAML::Node& nemesis) {
  std::string rates;
  for (std::string_view kind : nemesis_kinds) {
    const YAML::Node rate = nemesis[std::string(kind)];
    if (rate.IsDefined() && rate.IsScalar()) {
      rates += fmt::format("{}{}={}", rates.empty() ? "" : " ", kind, rate.Scalar());
    }
  }
  return rates.empty() ? "no rates" : rates;
}

}  // namespace

bool ShrinkSearch::reduce_nemeses() {
  bool changed = false;
  for (size_t phase = 0; phase < state_.tree.phase_count() && !judge_.exhausted(); ++phase) {
    const YAML::Node entry = state_.tree.phase(phase);
    const YAML::Node nemesis = entry["nemesis"];
    if (!is_map(nemesis) || nemesis["timeline"].IsDefined()) {
      continue;  // none, or already a timeline: reduce_lists shrinks it entry by entry
    }
    ShrinkTree candidate = state_.tree.clone();
    candidate.phase(phase).remove("nemesis");
    std::string message = fmt::format("removed the nemesis of phase {} ({})",
                                      state_.tree.phase_name(phase), describe_rates(nemesis));
    if (attempt(std::move(candidate), {message})) {
      changed = true;
      continue;
    }
    changed = reduce_nemesis_rates(phase) || changed;
  }
  return changed;
}

bool ShrinkSearch::reduce_nemesis_rates(size_t phase) {
  bool changed = false;
  for (std::string_view kind_view : nemesis_kinds) {
    std::string kind(kind_view);
    bool removed = false;
    while (!judge_.exhausted()) {
      const YAML::Node entry = state_.tree.phase(phase);
      const YAML::Node rate = entry["nemesis"][kind];
      if (!rate.IsDefined() || !rate.IsScalar()) {
        break;
      }
      std::string current = rate.Scalar();
      std::optional<std::string> half = removed ? half_rate(current) : std::nullopt;
      ShrinkTree candidate = state_.tree.clone();
      YAML::Node nemesis = candidate.phase(phase)["nemesis"];
      if (half) {
        nemesis[kind] = *half;
      } else if (!removed) {
        nemesis.remove(kind);
      } else {
        break;
      }
      std::string message = fmt::format("phase {} nemesis {} {} -> {}", candidate.phase_name(phase),
                                        kind, current, half.value_or("0/s"));
      bool kept = attempt(std::move(candidate), {message});
      changed = changed || kept;
      if (!kept && removed) {
        break;
      }
      removed = true;  // after trying 0, halve (a kept 0 ends the loop: the key is gone)
    }
  }
  return changed;
}

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
