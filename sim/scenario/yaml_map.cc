// File: yaml_map.cc
// Key validation for scenario maps: distinct scalar keys, unknown keys with a "did you mean".
#include "sim/scenario/yaml_map.h"

#include <fmt/format.h>
#include <algorithm>

namespace faultline {
namespace {

// Levenshtein distance, for suggesting the intended key of a misspelt one.
size_t edit_distance(std::string_view left, std::string_view right) {
  std::vector<size_t> previous(right.size() + 1);
  std::vector<size_t> current(right.size() + 1);
  for (size_t j = 0; j <= right.size(); ++j) {
    previous[j] = j;
  }
  for (size_t i = 1; i <= left.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= right.size(); ++j) {
      size_t substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[right.size()];
}

std::string unknown_key_message(std::string_view key,
                                std::initializer_list<std::string_view> known) {
  std::string_view closest;
  size_t closest_distance = 3;  // suggest only near misses: at most 2 edits
  for (std::string_view candidate : known) {
    size_t distance = edit_distance(key, candidate);
    if (distance < closest_distance) {
      closest = candidate;
      closest_distance = distance;
    }
  }
  std::string suggestion = closest.empty() ? "" : fmt::format(" (did you mean '{}'?)", closest);
  return fmt::format("unknown key '{}'{}; expected one of: {}", key, suggestion, join_names(known));
}

}  // namespace

std::string join_names(std::span<const std::string_view> names) {
  std::string text;
  for (std::string_view name : names) {
    text += text.empty() ? "" : ", ";
    text += name;
  }
  return text;
}

Result<YamlMap> YamlMap::open(const YamlField& field, std::string_view what) {
  return open_checked(field, what, nullptr);
}

Result<YamlMap> YamlMap::open(const YamlField& field, std::string_view what,
                              std::initializer_list<std::string_view> known) {
  return open_checked(field, what, &known);
}

Result<YamlMap> YamlMap::open_checked(const YamlField& field, std::string_view what,
                                      const std::initializer_list<std::string_view>* known) {
  if (!field.is_map()) {
    return field.expected(what);
  }
  YamlMap map(field);
  for (const auto& pair : field.node()) {
    int key_line = yaml_line(pair.first, field.line());
    if (!pair.first.IsScalar()) {
      YamlField key_field(pair.first, field.path(), key_line, field.file());
      return key_field.expected("a plain key");
    }
    const std::string& key = pair.first.Scalar();
    YamlField value = field.member(pair.second, key, key_line);
    if (known != nullptr && std::find(known->begin(), known->end(), key) == known->end()) {
      return Error{unknown_key_message(key, *known), std::string(field.file()), key_line,
                   value.path()};
    }
    auto [position, inserted] = map.index_.try_emplace(key, map.entries_.size());
    if (!inserted) {
      int first_line = map.entries_[position->second].key_line;
      return Error{fmt::format("duplicate key '{}' (first at line {})", key, first_line),
                   std::string(field.file()), key_line, value.path()};
    }
    map.entries_.push_back(Entry{key, key_line, std::move(value)});
  }
  return map;
}

Status YamlMap::check_known(std::initializer_list<std::string_view> known) const {
  for (const Entry& entry : entries_) {
    if (std::find(known.begin(), known.end(), entry.key) == known.end()) {
      return Error{unknown_key_message(entry.key, known), std::string(field_.file()),
                   entry.key_line, entry.value.path()};
    }
  }
  return std::nullopt;
}

const YamlMap::Entry* YamlMap::find_entry(std::string_view key) const {
  auto position = index_.find(key);
  return position == index_.end() ? nullptr : &entries_[position->second];
}

std::optional<YamlField> YamlMap::find(std::string_view key) const {
  if (const Entry* entry = find_entry(key)) {
    return entry->value;
  }
  return std::nullopt;
}

Result<YamlField> YamlMap::require(std::string_view key) const {
  if (const Entry* entry = find_entry(key)) {
    return entry->value;
  }
  YamlField missing = field_.member(YAML::Node(), key, field_.line());
  return missing.error(fmt::format("missing required key '{}'", key));
}

}  // namespace faultline
