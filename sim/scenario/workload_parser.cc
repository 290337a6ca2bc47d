// File: workload_parser.cc
// The workload section.
#include "sim/scenario/workload_parser.h"

#include <fmt/format.h>
#include <charconv>

#include "sim/scenario/yaml_map.h"

namespace faultline {
namespace {

constexpr uint32_t max_clients = 1'000;
constexpr uint64_t max_rate_per_second = 1'000'000;
constexpr uint32_t max_keys = 1'000'000;

__extension__ using WideUnsigned = unsigned __int128;

// left + right == 1, exactly: l.n * r.d + r.n * l.d == l.d * r.d without overflow.
bool sums_to_one(Ratio left, Ratio right) {
  WideUnsigned whole = WideUnsigned{left.denominator} * right.denominator;
  WideUnsigned left_part = WideUnsigned{left.numerator} * right.denominator;
  WideUnsigned right_part = WideUnsigned{right.numerator} * left.denominator;
  return left_part <= whole && whole - left_part == right_part;
}

Status parse_ops(const YamlField& field, Ratio& put_fraction) {
  Result<YamlMap> map =
      YamlMap::open(field, "a map such as { put: 0.5, get: 0.5 }", {"put", "get"});
  if (!map) {
    return map.error();
  }
  Ratio put = Ratio::zero();
  Ratio get = Ratio::zero();
  FL_SCENARIO_TRY(
      read_optional(*map, "put", [&](const YamlField& value) { return value.read_ratio(put); }));
  FL_SCENARIO_TRY(
      read_optional(*map, "get", [&](const YamlField& value) { return value.read_ratio(get); }));
  if (!sums_to_one(put, get)) {
    return field.error(fmt::format("put and get must sum to exactly 1, got put {} + get {}",
                                   put.to_string(), get.to_string()));
  }
  put_fraction = put;
  return std::nullopt;
}

Status parse_rate(const YamlField& field, uint64_t& rate_per_second) {
  std::string_view text = field.text();
  uint64_t rate = 0;
  bool valid = text.size() > 2 && text.substr(text.size() - 2) == "/s" && text.front() >= '0' &&
               text.front() <= '9';
  if (valid) {
    const char* end = text.data() + text.size() - 2;
    auto [parsed_end, error] = std::from_chars(text.data(), end, rate);
    valid = error == std::errc() && parsed_end == end && rate >= 1 && rate <= max_rate_per_second;
  }
  if (!valid) {
    return field.expected(
        fmt::format("a rate such as 200/s (from 1/s to {}/s)", max_rate_per_second));
  }
  rate_per_second = rate;
  return std::nullopt;
}

Status parse_keys(const YamlField& field, uint32_t& key_count) {
  if (!field.is_map()) {
    return field.read_unsigned(key_count, 1, max_keys);
  }
  Result<YamlMap> map =
      YamlMap::open(field, "a key count or a map such as { count: 16 }", {"count", "dist"});
  if (!map) {
    return map.error();
  }
  Result<YamlField> count = map->require("count");
  if (!count) {
    return count.error();
  }
  FL_SCENARIO_TRY(count->read_unsigned(key_count, 1, max_keys));
  return read_optional(*map, "dist", [&](const YamlField& value) -> Status {
    if (!value.is_scalar() || value.text() != "uniform") {
      return value.expected("a key distribution: uniform");
    }
    return std::nullopt;
  });
}

Status parse_timeouts(const YamlMap& map, WorkloadSpec& workload) {
  FL_SCENARIO_TRY(read_optional(map, "request_timeout", [&](const YamlField& value) {
    return value.read_duration(workload.request_timeout, DurationFloor::positive);
  }));
  FL_SCENARIO_TRY(read_optional(map, "operation_timeout", [&](const YamlField& value) {
    return value.read_duration(workload.operation_timeout, DurationFloor::positive);
  }));
  if (workload.operation_timeout < workload.request_timeout) {
    std::optional<YamlField> blamed = map.find("operation_timeout");
    return (blamed ? *blamed : *map.find("request_timeout"))
        .error(fmt::format("operation_timeout ({}) must be at least request_timeout ({})",
                           format_duration(workload.operation_timeout),
                           format_duration(workload.request_timeout)));
  }
  return std::nullopt;
}

}  // namespace

Status parse_workload(const YamlField& field, WorkloadSpec& workload) {
  Result<YamlMap> map =
      YamlMap::open(field, "a map such as { clients: 3, rate: 200/s }",
                    {"clients", "ops", "rate", "keys", "request_timeout", "operation_timeout"});
  if (!map) {
    return map.error();
  }
  Result<YamlField> clients = map->require("clients");
  if (!clients) {
    return clients.error();
  }
  FL_SCENARIO_TRY(clients->read_unsigned(workload.clients, 0, max_clients));
  FL_SCENARIO_TRY(read_optional(*map, "ops", [&](const YamlField& value) {
    return parse_ops(value, workload.put_fraction);
  }));
  FL_SCENARIO_TRY(read_optional(*map, "rate", [&](const YamlField& value) {
    return parse_rate(value, workload.rate_per_second);
  }));
  FL_SCENARIO_TRY(read_optional(
      *map, "keys", [&](const YamlField& value) { return parse_keys(value, workload.key_count); }));
  return parse_timeouts(*map, workload);
}

}  // namespace faultline
