// File: trace_diff.cc
#include "tools/trace_diff.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <deque>
#include <fstream>

namespace faultline {
namespace {

Error open_error(const std::string& path) {
  return Error{std::string("cannot open the trace: ") + std::strerror(errno), path, 0, ""};
}

}  // namespace

Result<std::optional<TraceDivergence>> first_divergence(const std::string& first_path,
                                                        const std::string& second_path,
                                                        size_t context_lines) {
  std::ifstream first(first_path, std::ios::binary);
  if (!first) {
    return open_error(first_path);
  }
  std::ifstream second(second_path, std::ios::binary);
  if (!second) {
    return open_error(second_path);
  }
  std::deque<std::string> context;
  std::string first_line;
  std::string second_line;
  for (uint64_t line = 1;; ++line) {
    bool first_has = static_cast<bool>(std::getline(first, first_line));
    bool second_has = static_cast<bool>(std::getline(second, second_line));
    if (first.bad() || second.bad()) {
      return Error{"cannot read the trace", first.bad() ? first_path : second_path, 0, ""};
    }
    if (!first_has && !second_has) {
      return std::optional<TraceDivergence>{};
    }
    if (first_has && second_has && first_line == second_line) {
      context.push_back(first_line);
      if (context.size() > context_lines) {
        context.pop_front();
      }
      continue;
    }
    TraceDivergence divergence;
    divergence.line = line;
    if (first_has) {
      divergence.first = first_line;
    }
    if (second_has) {
      divergence.second = second_line;
    }
    divergence.context.assign(context.begin(), context.end());
    return std::optional<TraceDivergence>{std::move(divergence)};
  }
}

std::optional<int64_t> trace_line_time(const std::string& line) {
  int64_t time = 0;
  const char* end = line.data() + line.size();
  auto [next, error] = std::from_chars(line.data(), end, time);
  if (error != std::errc{} || next == line.data() || (next != end && *next != ' ')) {
    return std::nullopt;
  }
  return time;
}

}  // namespace faultline
