// File: reachability.cc
// The directed reachability matrix and the partition shapes.
#include "models/network/reachability.h"

#include <bit>

#include "sim/base/check.h"

namespace faultline {
namespace {

uint64_t bit(uint32_t number) {
  return uint64_t{1} << (number - 1);
}

uint64_t all_bits(uint32_t count) {
  return count == 64 ? ~uint64_t{0} : (uint64_t{1} << count) - 1;
}

}  // namespace

Reachability::Reachability(uint32_t server_count)
    : server_count_(server_count), reach_(server_count, all_bits(server_count)) {
  FL_CHECK(server_count <= max_servers, "at most {} servers, not {}", max_servers, server_count);
}

bool Reachability::can_reach(uint32_t from, uint32_t to) const {
  FL_CHECK(from >= 1 && from <= server_count_ && to >= 1 && to <= server_count_,
           "no path n{} -> n{} among {} servers", from, to, server_count_);
  return from == to || (reach_[from - 1] & bit(to)) != 0;
}

void Reachability::cut(uint32_t from, uint32_t to) {
  FL_CHECK(from >= 1 && from <= server_count_ && to >= 1 && to <= server_count_,
           "no path n{} -> n{} among {} servers", from, to, server_count_);
  if (from != to) {
    reach_[from - 1] &= ~bit(to);
  }
}

void Reachability::connect(uint32_t from, uint32_t to) {
  FL_CHECK(from >= 1 && from <= server_count_ && to >= 1 && to <= server_count_,
           "no path n{} -> n{} among {} servers", from, to, server_count_);
  reach_[from - 1] |= bit(to);
}

bool Reachability::is_full() const {
  for (uint64_t row : reach_) {
    if (row != all_bits(server_count_)) {
      return false;
    }
  }
  return true;
}

std::vector<bool> Reachability::well_connected(const std::vector<bool>& up) const {
  FL_CHECK(up.size() == server_count_ + 1, "up has {} entries for {} servers", up.size(),
           server_count_);
  uint64_t up_bits = 0;
  for (uint32_t number = 1; number <= server_count_; ++number) {
    up_bits |= up[number] ? bit(number) : 0;
  }
  std::vector<bool> result(server_count_ + 1, false);
  uint32_t majority = server_count_ / 2 + 1;
  for (uint32_t number = 1; number <= server_count_; ++number) {
    if (!up[number]) {
      continue;
    }
    uint64_t mutual = bit(number);
    for (uint32_t other = 1; other <= server_count_; ++other) {
      if (can_reach(number, other) && can_reach(other, number)) {
        mutual |= bit(other);
      }
    }
    result[number] = static_cast<uint32_t>(std::popcount(mutual & up_bits)) >= majority;
  }
  return result;
}

std::string Reachability::describe() const {
  if (is_full()) {
    return "full";
  }
  // Symmetric and transitive (an equivalence): print the groups.
  bool is_groups = true;
  for (uint32_t a = 1; a <= server_count_ && is_groups; ++a) {
    for (uint32_t b = 1; b <= server_count_ && is_groups; ++b) {
      if (can_reach(a, b) != can_reach(b, a)) {
        is_groups = false;
      }
      for (uint32_t c = 1; c <= server_count_ && is_groups; ++c) {
        if (can_reach(a, b) && can_reach(b, c) && !can_reach(a, c)) {
          is_groups = false;
        }
      }
    }
  }
  std::string text;
  if (is_groups) {
    uint64_t seen = 0;
    for (uint32_t a = 1; a <= server_count_; ++a) {
      if ((seen & bit(a)) != 0) {
        continue;
      }
      text += text.empty() ? "" : "|";
      bool first = true;
      for (uint32_t b = a; b <= server_count_; ++b) {
        if (can_reach(a, b)) {
          seen |= bit(b);
          text += (first ? "n" : ",n") + std::to_string(b);
          first = false;
        }
      }
    }
    return text;
  }
  for (uint32_t from = 1; from <= server_count_; ++from) {
    for (uint32_t to = 1; to <= server_count_; ++to) {
      if (!can_reach(from, to)) {
        text += (text.empty() ? "n" : " n") + std::to_string(from) + "->n" + std::to_string(to);
      }
    }
  }
  return text;
}

Reachability Reachability::groups(uint32_t server_count,
                                  const std::vector<std::vector<uint32_t>>& groups) {
  std::vector<uint32_t> group_of(server_count + 1, 0);  // 0: the unnamed group
  for (size_t index = 0; index < groups.size(); ++index) {
    for (uint32_t number : groups[index]) {
      FL_CHECK(number >= 1 && number <= server_count, "no server n{}", number);
      FL_CHECK(group_of[number] == 0, "n{} is in two groups", number);
      group_of[number] = static_cast<uint32_t>(index + 1);
    }
  }
  Reachability result(server_count);
  for (uint32_t from = 1; from <= server_count; ++from) {
    for (uint32_t to = 1; to <= server_count; ++to) {
      if (group_of[from] != group_of[to]) {
        result.cut(from, to);
      }
    }
  }
  return result;
}

Reachability Reachability::isolate(uint32_t server_count, uint32_t node) {
  return groups(server_count, {{node}});
}

Reachability Reachability::split(uint32_t server_count, const std::vector<uint32_t>& minority) {
  return groups(server_count, {minority});
}

Reachability Reachability::bridge(uint32_t server_count, uint32_t bridge,
                                  const std::vector<uint32_t>& half_a,
                                  const std::vector<uint32_t>& half_b) {
  Reachability result(server_count);
  for (uint32_t a : half_a) {
    for (uint32_t b : half_b) {
      FL_CHECK(a != bridge && b != bridge && a != b, "bad bridge n{} between n{} and n{}", bridge,
               a, b);
      result.cut(a, b);
      result.cut(b, a);
    }
  }
  return result;
}

Reachability Reachability::ring(uint32_t server_count) {
  Reachability result(server_count);
  uint32_t reach = (server_count / 2 + 1) / 2;
  for (uint32_t from = 1; from <= server_count; ++from) {
    for (uint32_t to = 1; to <= server_count; ++to) {
      uint32_t forward = (to + server_count - from) % server_count;
      uint32_t distance = std::min(forward, server_count - forward);
      if (distance > reach) {
        result.cut(from, to);
      }
    }
  }
  return result;
}

Reachability Reachability::one_way(uint32_t server_count, const std::vector<uint32_t>& from,
                                   const std::vector<uint32_t>& to) {
  Reachability result(server_count);
  for (uint32_t source : from) {
    for (uint32_t target : to) {
      result.cut(source, target);
    }
  }
  return result;
}

}  // namespace faultline
