// File: yaml_map.h
// A YAML map as the scenario parser sees it: its entries in file order, with the line of each
// key. Owns the invariants that every key of a scenario map is a distinct plain scalar and that
// every key not in the schema is rejected with its own line and dotted path (`network.latncy`).
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/yaml_field.h"

namespace faultline {

class YamlMap {
 public:
  struct Entry {
    std::string key;
    int key_line = 0;
    YamlField value;
  };

  // Opens `field` as a map. Errors: not a map ("expected <what>"), a key that is not a scalar, a
  // key given twice.
  static Result<YamlMap> open(const YamlField& field, std::string_view what);

  // Error for the first key, in file order, that is not in `known`.
  Status check_known(std::initializer_list<std::string_view> known) const;

  const YamlField& field() const { return field_; }
  const std::vector<Entry>& entries() const { return entries_; }
  // The entry for `key`, or null when absent.
  const Entry* find_entry(std::string_view key) const;
  std::optional<YamlField> find(std::string_view key) const;
  // The value of `key`; when absent, an error at the map's line naming the missing key's path.
  Result<YamlField> require(std::string_view key) const;

 private:
  explicit YamlMap(YamlField field) : field_(std::move(field)) {}

  YamlField field_;
  std::vector<Entry> entries_;
};

// Reads `key` with `read(const YamlField&) -> Status` when present; absent keeps the default.
template <typename Reader>
Status read_optional(const YamlMap& map, std::string_view key, Reader read) {
  if (std::optional<YamlField> field = map.find(key)) {
    return read(*field);
  }
  return std::nullopt;
}

// "a, b, c": the keys or values a message lists as expected.
std::string join_names(std::initializer_list<std::string_view> names);

}  // namespace faultline
