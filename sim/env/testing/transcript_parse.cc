// File: transcript_parse.cc
// The transcript runners' shared parsers (transcript_parse.h).
#include "sim/env/testing/transcript_parse.h"

#include <sstream>
#include <string_view>
#include <utility>

namespace faultline::testing {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream stream(text);
  while (std::getline(stream, part, separator)) {
    if (!part.empty()) {
      parts.push_back(part);
    }
  }
  return parts;
}

std::optional<NodeId> parse_node_id(const std::string& text) {
  if (text.size() < 2 || (text[0] != 'n' && text[0] != 'c')) {
    return std::nullopt;
  }
  uint32_t number = 0;
  for (size_t i = 1; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    number = number * 10 + static_cast<uint32_t>(text[i] - '0');
  }
  return text[0] == 'n' ? NodeId::server(number) : NodeId::client(number);
}

std::optional<Duration> parse_duration(const std::string& text) {
  static const std::pair<std::string_view, int64_t> units[] = {
      {"ms", 1'000'000}, {"ns", 1}, {"s", 1'000'000'000}};
  for (const auto& [unit, factor] : units) {
    if (text.size() > unit.size() && text.ends_with(unit) &&
        text.find_first_not_of("0123456789") == text.size() - unit.size()) {
      return Duration{std::stoll(text.substr(0, text.size() - unit.size())) * factor};
    }
  }
  return std::nullopt;
}

std::optional<Duration> parse_signed_duration(const std::string& text) {
  if (text.empty() || (text[0] != '+' && text[0] != '-')) {
    return parse_duration(text);
  }
  std::optional<Duration> magnitude = parse_duration(text.substr(1));
  if (!magnitude) {
    return std::nullopt;
  }
  return text[0] == '-' ? Duration{-magnitude->ns} : *magnitude;
}

std::map<std::string, std::string> parse_options(const std::vector<std::string>& words,
                                                 size_t first) {
  std::map<std::string, std::string> result;
  for (size_t i = first; i < words.size(); ++i) {
    size_t equals = words[i].find('=');
    if (equals != std::string::npos) {
      result[words[i].substr(0, equals)] = words[i].substr(equals + 1);
    }
  }
  return result;
}

}  // namespace faultline::testing
