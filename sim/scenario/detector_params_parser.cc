// File: detector_params_parser.cc
// parse_detector_params: the `detector:` map, strict keys per kind, ranges, and the decimal phi
// threshold read exactly into thousandths.
#include <fmt/format.h>

#include "sim/scenario/detector_params_parser.h"
#include "sim/scenario/yaml_field.h"
#include "sim/scenario/yaml_map.h"

namespace faultline {
namespace {

constexpr Duration max_period = Duration::seconds(600);
constexpr Duration max_timeout = Duration::seconds(3600);
constexpr uint32_t max_phi_threshold_milli = 1'000'000;
constexpr uint32_t max_window = 10'000;

// "8", "2.5", "0.125" -> thousandths; nullopt for anything else (sign, exponent, a fourth place).
std::optional<uint64_t> parse_thousandths(std::string_view text) {
  uint64_t whole = 0;
  size_t index = 0;
  for (; index < text.size() && text[index] >= '0' && text[index] <= '9'; ++index) {
    if (whole > 10'000'000) {
      return std::nullopt;
    }
    whole = whole * 10 + static_cast<uint64_t>(text[index] - '0');
  }
  if (index == 0) {
    return std::nullopt;
  }
  uint64_t fraction = 0;
  if (index < text.size()) {
    if (text[index] != '.' || index + 1 == text.size() || text.size() - index - 1 > 3) {
      return std::nullopt;
    }
    uint64_t scale = 100;
    for (++index; index < text.size(); ++index, scale /= 10) {
      if (text[index] < '0' || text[index] > '9') {
        return std::nullopt;
      }
      fraction += static_cast<uint64_t>(text[index] - '0') * scale;
    }
  }
  return whole * 1000 + fraction;
}

Status read_threshold(const YamlField& value, uint32_t& out) {
  std::optional<uint64_t> milli =
      value.is_scalar() ? parse_thousandths(value.text()) : std::optional<uint64_t>();
  if (!milli || *milli == 0 || *milli > max_phi_threshold_milli) {
    return value.expected("a phi threshold: a decimal in 0.001..1000 with at most 3 places");
  }
  out = static_cast<uint32_t>(*milli);
  return std::nullopt;
}

Status read_bounded(const YamlField& value, Duration& out, DurationFloor floor, Duration max) {
  FL_SCENARIO_TRY(value.read_duration(out, floor));
  if (out > max) {
    return value.error(
        fmt::format("must be at most {}, got {}", format_duration(max), format_duration(out)));
  }
  return std::nullopt;
}

Status read_kind(const YamlMap& map, DetectorParams& out) {
  return read_optional(map, "kind", [&](const YamlField& value) -> Status {
    if (value.is_scalar() && value.text() == "fixed_timeout") {
      out.kind = DetectorParams::Kind::fixed_timeout;
    } else if (value.is_scalar() && value.text() == "phi_accrual") {
      out.kind = DetectorParams::Kind::phi_accrual;
    } else {
      return value.expected("a detector kind: fixed_timeout, phi_accrual");
    }
    return std::nullopt;
  });
}

Status read_phi_keys(const YamlMap& map, DetectorParams& out) {
  FL_SCENARIO_TRY(read_optional(map, "phi_threshold", [&](const YamlField& value) {
    return read_threshold(value, out.phi_threshold_milli);
  }));
  FL_SCENARIO_TRY(read_optional(map, "window", [&](const YamlField& value) {
    return value.read_unsigned(out.window, 2, max_window);
  }));
  FL_SCENARIO_TRY(read_optional(map, "min_std_deviation", [&](const YamlField& value) {
    return read_bounded(value, out.min_std_deviation, DurationFloor::positive, max_period);
  }));
  return read_optional(map, "acceptable_pause", [&](const YamlField& value) {
    return read_bounded(value, out.acceptable_pause, DurationFloor::zero, max_period);
  });
}

// A key of the other kind is an error, not silently ignored.
Status check_kind_keys(const YamlMap& map, DetectorParams::Kind kind) {
  bool phi = kind == DetectorParams::Kind::phi_accrual;
  for (const YamlMap::Entry& entry : map.entries()) {
    bool phi_only = entry.key == "phi_threshold" || entry.key == "window" ||
                    entry.key == "min_std_deviation" || entry.key == "acceptable_pause";
    bool fixed_only = entry.key == "timeout";
    if ((phi_only && !phi) || (fixed_only && phi)) {
      return Error{fmt::format("'{}' applies only to kind {}", entry.key,
                               phi ? "fixed_timeout" : "phi_accrual"),
                   std::string(entry.value.file()), entry.key_line, entry.value.path()};
    }
  }
  return std::nullopt;
}

}  // namespace

const char* detector_kind_name(DetectorParams::Kind kind) {
  return kind == DetectorParams::Kind::phi_accrual ? "phi_accrual" : "fixed_timeout";
}

Status parse_detector_params(const YamlField& field, DetectorParams& out) {
  Result<YamlMap> map =
      YamlMap::open(field, "a map such as { kind: phi_accrual, interval: 100ms, phi_threshold: 8 }",
                    {"kind", "interval", "timeout", "phi_threshold", "window", "min_std_deviation",
                     "acceptable_pause"});
  if (!map) {
    return map.error();
  }
  FL_SCENARIO_TRY(read_kind(*map, out));
  FL_SCENARIO_TRY(check_kind_keys(*map, out.kind));
  FL_SCENARIO_TRY(read_optional(*map, "interval", [&](const YamlField& value) {
    return read_bounded(value, out.interval, DurationFloor::positive, max_period);
  }));
  if (out.kind == DetectorParams::Kind::phi_accrual) {
    return read_phi_keys(*map, out);
  }
  FL_SCENARIO_TRY(read_optional(*map, "timeout", [&](const YamlField& value) {
    return read_bounded(value, out.timeout, DurationFloor::positive, max_timeout);
  }));
  if (out.timeout <= out.interval) {
    std::optional<YamlField> blamed = map->find("timeout");
    return (blamed ? *blamed : map->field())
        .error(fmt::format("timeout ({}) must be greater than the interval ({})",
                           format_duration(out.timeout), format_duration(out.interval)));
  }
  return std::nullopt;
}

}  // namespace faultline
