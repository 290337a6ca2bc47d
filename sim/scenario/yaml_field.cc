// File: yaml_field.cc
// Typed, non-throwing reads of scalar YAML values with file:line:key errors.
#include "sim/scenario/yaml_field.h"

#include <fmt/format.h>
#include <charconv>
#include <utility>

namespace faultline {
namespace {

constexpr size_t max_string_length = 200;
constexpr size_t max_described_length = 40;

bool parse_decimal_unsigned(std::string_view text, uint64_t& out) {
  if (text.empty() || text.front() < '0' || text.front() > '9') {
    return false;
  }
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

int yaml_line(const YAML::Node& node, int fallback) {
  if (!node.IsDefined() || node.IsNull()) {
    return fallback;
  }
  YAML::Mark mark = node.Mark();
  return mark.line >= 0 ? mark.line + 1 : fallback;
}

YamlField::YamlField(YAML::Node node, std::string path, int line, std::string_view file)
    : node_(std::move(node)), path_(std::move(path)), line_(line), file_(file) {}

const std::string& YamlField::text() const {
  static const std::string empty;
  return is_scalar() ? node_.Scalar() : empty;
}

std::string YamlField::describe() const {
  if (is_map()) {
    return "a map";
  }
  if (is_list()) {
    return "a list";
  }
  if (!is_scalar()) {
    return "nothing (null)";
  }
  const std::string& value = node_.Scalar();
  if (value.size() > max_described_length) {
    return fmt::format("'{}...'", value.substr(0, max_described_length));
  }
  return fmt::format("'{}'", value);
}

Error YamlField::error(std::string message) const {
  return Error{std::move(message), std::string(file_), line_, path_};
}

Error YamlField::expected(std::string_view what) const {
  return error(fmt::format("expected {}, got {}", what, describe()));
}

std::vector<YamlField> YamlField::elements() const {
  std::vector<YamlField> result;
  if (!is_list()) {
    return result;
  }
  size_t index = 0;
  for (const YAML::Node& element : node_) {
    result.emplace_back(element, fmt::format("{}[{}]", path_, index), yaml_line(element, line_),
                        file_);
    ++index;
  }
  return result;
}

YamlField YamlField::member(const YAML::Node& value, std::string_view key, int key_line) const {
  std::string path = path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
  return YamlField(value, std::move(path), yaml_line(value, key_line), file_);
}

Status YamlField::read_string(std::string& out) const {
  if (!is_scalar()) {
    return expected("a string");
  }
  const std::string& value = node_.Scalar();
  if (value.empty()) {
    return error("must not be empty");
  }
  if (value.size() > max_string_length) {
    return error(fmt::format("must be at most {} characters", max_string_length));
  }
  out = value;
  return std::nullopt;
}

Status YamlField::read_unsigned(uint64_t& out, uint64_t min, uint64_t max) const {
  uint64_t value = 0;
  if (!is_scalar() || !parse_decimal_unsigned(node_.Scalar(), value) || value < min ||
      value > max) {
    return expected(fmt::format("an integer from {} to {}", min, max));
  }
  out = value;
  return std::nullopt;
}

Status YamlField::read_unsigned(uint32_t& out, uint32_t min, uint32_t max) const {
  uint64_t value = 0;
  FL_SCENARIO_TRY(read_unsigned(value, min, max));
  out = static_cast<uint32_t>(value);
  return std::nullopt;
}

Status YamlField::read_duration(Duration& out, DurationFloor floor) const {
  if (!is_scalar()) {
    return expected("a duration such as 150ms (units ns, us, ms, s, m, h)");
  }
  Result<Duration> value = parse_duration(node_.Scalar());
  if (!value) {
    return error(value.error().message);
  }
  if (floor == DurationFloor::positive && value->ns == 0) {
    return error(fmt::format("must be greater than 0, got '{}'", node_.Scalar()));
  }
  if (*value > max_scenario_duration) {
    return error(
        fmt::format("must be at most {}, got '{}'", max_scenario_duration_text, node_.Scalar()));
  }
  out = *value;
  return std::nullopt;
}

Status YamlField::read_ratio(Ratio& out) const {
  if (!is_scalar()) {
    return expected("a probability such as 0.001, 1/1000 or 5%");
  }
  Result<Ratio> value = parse_ratio(node_.Scalar());
  if (!value) {
    return error(value.error().message);
  }
  out = *value;
  return std::nullopt;
}

Status YamlField::read_bool(bool& out) const {
  if (is_scalar() && (node_.Scalar() == "true" || node_.Scalar() == "false")) {
    out = node_.Scalar() == "true";
    return std::nullopt;
  }
  return expected("true or false");
}

}  // namespace faultline
