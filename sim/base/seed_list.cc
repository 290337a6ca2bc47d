// File: seed_list.cc
#include "sim/base/seed_list.h"

#include <fmt/format.h>
#include <algorithm>

#include "sim/base/check.h"
#include "sim/base/rng.h"

namespace faultline {
namespace {

std::string_view trim(std::string_view text) {
  size_t begin = text.find_first_not_of(' ');
  if (begin == std::string_view::npos) {
    return {};
  }
  size_t end = text.find_last_not_of(' ');
  return text.substr(begin, end - begin + 1);
}

Result<SeedInterval> parse_element(std::string_view element) {
  size_t dots = element.find("..");
  if (dots == std::string_view::npos) {
    Result<uint64_t> seed = parse_seed(element);
    if (!seed) {
      return seed.error();
    }
    return SeedInterval{*seed, *seed};
  }
  Result<uint64_t> first = parse_seed(element.substr(0, dots));
  if (!first) {
    return first.error();
  }
  Result<uint64_t> last = parse_seed(element.substr(dots + 2));
  if (!last) {
    return last.error();
  }
  if (*first > *last) {
    return Error::make(
        fmt::format("invalid seed range '{}': the first seed is above the last", element));
  }
  return SeedInterval{*first, *last};
}

// Two intervals share a seed: name the smallest shared one.
Status check_disjoint(std::vector<SeedInterval> intervals) {
  std::sort(
      intervals.begin(), intervals.end(),
      [](const SeedInterval& left, const SeedInterval& right) { return left.first < right.first; });
  for (size_t i = 1; i < intervals.size(); ++i) {
    if (intervals[i].first <= intervals[i - 1].last) {
      return Error::make(fmt::format("seed {} is listed twice", intervals[i].first));
    }
  }
  return std::nullopt;
}

}  // namespace

SeedList::SeedList(std::vector<SeedInterval> intervals) : intervals_(std::move(intervals)) {
  for (const SeedInterval& interval : intervals_) {
    FL_CHECK(interval.first <= interval.last, "seed interval {}..{}", interval.first,
             interval.last);
    starts_.push_back(size_);
    uint64_t count = interval.last - interval.first;
    FL_CHECK(count < max_seed_list_size && size_ + count + 1 <= max_seed_list_size,
             "seed list larger than {}", max_seed_list_size);
    size_ += count + 1;
  }
}

uint64_t SeedList::at(uint64_t position) const {
  FL_CHECK(position < size_, "seed position {} of {}", position, size_);
  size_t index = static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), position) -
                                     starts_.begin()) -
                 1;
  return intervals_[index].first + (position - starts_[index]);
}

uint64_t SeedList::position_of(uint64_t seed) const {
  for (size_t index = 0; index < intervals_.size(); ++index) {
    if (seed >= intervals_[index].first && seed <= intervals_[index].last) {
      return starts_[index] + (seed - intervals_[index].first);
    }
  }
  return size_;
}

Result<SeedList> parse_seed_list(std::string_view text) {
  std::vector<SeedInterval> intervals;
  uint64_t total = 0;
  for (size_t begin = 0;;) {
    size_t comma = text.find(',', begin);
    std::string_view element =
        trim(text.substr(begin, comma == std::string_view::npos ? text.npos : comma - begin));
    if (element.empty()) {
      return Error::make(
          fmt::format("invalid seed list '{}': expected N, A..B or a comma list of them", text));
    }
    Result<SeedInterval> interval = parse_element(element);
    if (!interval) {
      return interval.error();
    }
    uint64_t count = interval->last - interval->first;
    if (count >= max_seed_list_size || total + count + 1 > max_seed_list_size) {
      return Error::make(
          fmt::format("seed list '{}' holds more than {} seeds", text, max_seed_list_size));
    }
    total += count + 1;
    intervals.push_back(*interval);
    if (comma == std::string_view::npos) {
      break;
    }
    begin = comma + 1;
  }
  if (Status disjoint = check_disjoint(intervals)) {
    return *disjoint;
  }
  return SeedList(std::move(intervals));
}

}  // namespace faultline
