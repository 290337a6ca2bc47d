// File: reachability_test.cc
// The partition shapes cut exactly the paths their definitions name.
#include <catch2/catch.hpp>

#include "models/network/reachability.h"

namespace faultline {
namespace {

TEST_CASE("groups cut both ways between groups; unnamed servers form one group") {
  Reachability r = Reachability::groups(5, {{1, 2}, {3}});
  CHECK(r.describe() == "n1,n2|n3|n4,n5");
  CHECK(r.can_reach(1, 2));
  CHECK_FALSE(r.can_reach(1, 3));
  CHECK_FALSE(r.can_reach(4, 3));
  CHECK(r.can_reach(4, 5));
  CHECK_FALSE(r.is_full());
  CHECK(Reachability(5).is_full());
  CHECK(Reachability(5).describe() == "full");
}

TEST_CASE("one_way cuts only the named direction") {
  Reachability r = Reachability::one_way(3, {1}, {2, 3});
  CHECK_FALSE(r.can_reach(1, 2));
  CHECK_FALSE(r.can_reach(1, 3));
  CHECK(r.can_reach(2, 1));
  CHECK(r.can_reach(3, 1));
  CHECK(r.can_reach(2, 3));
  CHECK(r.describe() == "n1->n2 n1->n3");
}

TEST_CASE("majorities ring: each of 5 servers sees itself and its two neighbours") {
  Reachability r = Reachability::ring(5);
  for (uint32_t node = 1; node <= 5; ++node) {
    uint32_t seen = 0;
    for (uint32_t other = 1; other <= 5; ++other) {
      seen += r.can_reach(node, other) ? 1 : 0;
      CHECK(r.can_reach(node, other) == r.can_reach(other, node));
    }
    CHECK(seen == 3);
  }
  CHECK(r.can_reach(1, 5));
  CHECK_FALSE(r.can_reach(1, 3));
  // Every server still sees a majority, so none counts as cut off.
  std::vector<bool> up(6, true);
  up[0] = false;
  std::vector<bool> good = r.well_connected(up);
  for (uint32_t node = 1; node <= 5; ++node) {
    CHECK(good[node]);
  }
}

TEST_CASE("bridge: the halves meet only through the bridge node") {
  Reachability r = Reachability::bridge(5, 3, {1, 2}, {4, 5});
  CHECK(r.can_reach(1, 3));
  CHECK(r.can_reach(3, 5));
  CHECK_FALSE(r.can_reach(1, 4));
  CHECK_FALSE(r.can_reach(5, 2));
  CHECK(r.can_reach(1, 2));
}

TEST_CASE("well_connected counts only up servers reachable both ways") {
  Reachability r = Reachability::isolate(5, 1);
  std::vector<bool> up{false, true, true, true, true, true};
  std::vector<bool> good = r.well_connected(up);
  CHECK_FALSE(good[1]);
  CHECK(good[2]);
  up[2] = false;
  up[3] = false;
  good = r.well_connected(up);
  CHECK_FALSE(good[4]);  // n4 and n5 alone are not a majority of 5
  Reachability one_way = Reachability::one_way(3, {1}, {2, 3});
  good = one_way.well_connected({false, true, true, true});
  CHECK_FALSE(good[1]);
  CHECK(good[2]);
}

}  // namespace
}  // namespace faultline
