// File: name_table.h
// Tables between a configuration enum and its scenario names ("quorum", "async", ...), shared by
// the protocols' config files so that each enum is listed once, name beside value.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace faultline::common {

template <typename Value, size_t count>
using NameTable = std::array<std::pair<Value, std::string_view>, count>;

// The name of `value`, or "?" if the table lacks it.
template <typename Value, size_t count>
std::string_view name_of(const NameTable<Value, count>& table, Value value) {
  for (const auto& [known, name] : table) {
    if (known == value) {
      return name;
    }
  }
  return "?";
}

// The value named `name`, or nullopt.
template <typename Value, size_t count>
std::optional<Value> value_of(const NameTable<Value, count>& table, std::string_view name) {
  for (const auto& [known, known_name] : table) {
    if (known_name == name) {
      return known;
    }
  }
  return std::nullopt;
}

}  // namespace faultline::common
