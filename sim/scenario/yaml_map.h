// File: yaml_map.h
// A YAML map as the scenario parser sees it: its entries in file order, with the line of each
// key. Owns the invariants that every key of a scenario map is a distinct plain scalar and that
// every key not in the schema is rejected with its own line and dotted path (`network.latncy`).
// Key lookups are O(log n) and a map with a schema stops at its first bad key, so a file of 300k
// keys costs about what yaml-cpp takes to parse it (it was quadratic: 387 s).
#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <span>
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
  // key given twice. For maps whose keys depend on one of their values (check_known after).
  static Result<YamlMap> open(const YamlField& field, std::string_view what);
  // Same, and a key not in `known` is an error too: the first bad key in file order is reported
  // without reading the keys after it.
  static Result<YamlMap> open(const YamlField& field, std::string_view what,
                              std::initializer_list<std::string_view> known);

  // Error for the first key, in file order, that is not in `known` (for maps whose schema depends
  // on one of their values, such as a latency map's `dist`).
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
  // Opens the map; a null `known` accepts any key here.
  static Result<YamlMap> open_checked(const YamlField& field, std::string_view what,
                                      const std::initializer_list<std::string_view>* known);

  YamlField field_;
  std::vector<Entry> entries_;
  // Key -> index in entries_; only looked up, never iterated (entries_ keeps the file order).
  std::map<std::string, size_t, std::less<>> index_;
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
std::string join_names(std::span<const std::string_view> names);
inline std::string join_names(std::initializer_list<std::string_view> names) {
  return join_names(std::span<const std::string_view>(names.begin(), names.size()));
}

}  // namespace faultline
