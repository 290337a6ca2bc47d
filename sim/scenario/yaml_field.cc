// File: yaml_field.cc
// Typed, non-throwing reads of scalar YAML values with file:line:key errors.
#include "sim/scenario/yaml_field.h"

#include "sim/scenario/value_parsers.h"

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

// The length of the well-formed UTF-8 sequence at the start of `text` (RFC 3629: shortest form,
// no surrogates, at most U+10FFFF) with its code point in `code_point`, or 0 when ill-formed.
size_t decode_utf8(std::string_view text, uint32_t& code_point) {
  auto byte = [&](size_t index) { return static_cast<uint8_t>(text[index]); };
  uint8_t lead = byte(0);
  size_t length = lead < 0x80   ? 1
                  : lead < 0xC2 ? 0
                  : lead < 0xE0 ? 2
                  : lead < 0xF0 ? 3
                  : lead < 0xF5 ? 4
                                : 0;
  if (length == 0 || length > text.size()) {
    return 0;
  }
  code_point = length == 1 ? lead : lead & (0x7F >> length);
  for (size_t index = 1; index < length; ++index) {
    if ((byte(index) & 0xC0) != 0x80) {
      return 0;
    }
    code_point = (code_point << 6) | (byte(index) & 0x3F);
  }
  bool overlong = (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
  bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (overlong || surrogate || code_point > 0x10FFFF) {
    return 0;
  }
  return length;
}

bool is_control_character(uint32_t code_point) {
  return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
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

Status YamlField::read_name(std::string& out) const {
  std::string name;
  FL_SCENARIO_TRY(read_string(name));
  // The messages show the offending character as a number: echoing it would do the harm.
  size_t offset = 0;
  while (offset < name.size()) {
    uint32_t code_point = 0;
    size_t length = decode_utf8(std::string_view(name).substr(offset), code_point);
    if (length == 0) {
      return error(fmt::format("must be valid UTF-8, got byte 0x{:02x} at byte offset {}",
                               static_cast<uint8_t>(name[offset]), offset));
    }
    if (is_control_character(code_point)) {
      return error(fmt::format(
          "must not contain control characters (such as newline, tab or ESC), got U+{:04X} at "
          "byte offset {}",
          code_point, offset));
    }
    offset += length;
  }
  out = std::move(name);
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

Status YamlField::read_bandwidth(uint64_t& out) const {
  if (!is_scalar()) {
    return expected("a bandwidth such as 1Gbps or 125MB/s");
  }
  Result<uint64_t> value = parse_bandwidth(node_.Scalar());
  if (!value) {
    return error(value.error().message);
  }
  out = *value;
  return std::nullopt;
}

Status YamlField::read_size(uint64_t& out) const {
  if (!is_scalar()) {
    return expected("a size such as 4MiB or 64KB");
  }
  Result<uint64_t> value = parse_size(node_.Scalar());
  if (!value) {
    return error(value.error().message);
  }
  out = *value;
  return std::nullopt;
}

Status YamlField::read_signed_duration(Duration& out) const {
  if (!is_scalar()) {
    return expected("a duration such as 3ms or -3ms (units ns, us, ms, s, m, h)");
  }
  Result<Duration> value = parse_signed_duration(node_.Scalar());
  if (!value) {
    return error(value.error().message);
  }
  if (*value > max_scenario_duration || value->ns < -max_scenario_duration.ns) {
    return error(fmt::format("must be from -{} to {}, got '{}'", max_scenario_duration_text,
                             max_scenario_duration_text, node_.Scalar()));
  }
  out = *value;
  return std::nullopt;
}

Status YamlField::read_signed_integer(int64_t& out, int64_t limit) const {
  if (!is_scalar()) {
    return expected(fmt::format("an integer from -{} to {}", limit, limit));
  }
  Result<int64_t> value = parse_signed_integer(node_.Scalar(), limit);
  if (!value) {
    return expected(fmt::format("an integer from -{} to {}", limit, limit));
  }
  out = *value;
  return std::nullopt;
}

Status YamlField::read_rate_per_second(Ratio& out, uint64_t max_per_second) const {
  Result<Ratio> value = parse_rate_per_second(is_scalar() ? node_.Scalar() : "", max_per_second);
  if (!value || !is_scalar()) {
    return expected(fmt::format("a rate such as 0.5/s or 2/s (0/s to {}/s, at most 9 decimals)",
                                max_per_second));
  }
  out = *value;
  return std::nullopt;
}

}  // namespace faultline
