// File: check_log_mirror_test.cc
// The building blocks of the log checks: LogMirror prefix hashes and EntryRegistry chains.
#include <catch2/catch.hpp>

#include "sim/check/entry_registry.h"
#include "sim/check/log_mirror.h"

namespace faultline {
namespace {

TEST_CASE("LogMirror prefix hashes depend on every entry and its order", "[check]") {
  LogMirror first;
  LogMirror second;
  first.place(1, 1, 11);
  first.place(2, 2, 22);
  second.place(1, 2, 22);
  second.place(2, 1, 11);
  CHECK(first.prefix_hash(0) == empty_log_prefix_hash);
  CHECK(first.prefix_hash(2) != second.prefix_hash(2));
  CHECK(first.first_difference(second, 2) == 1);

  LogMirror copy;
  copy.place(1, 1, 11);
  copy.place(2, 2, 22);
  CHECK(copy.prefix_hash(2) == first.prefix_hash(2));
  CHECK(copy.first_difference(first, 2) == 0);
  copy.truncate_from(2);
  CHECK(copy.length() == 1);
  CHECK(copy.first_difference(first, 2) == 2);
  copy.place(2, 2, 23);
  CHECK(copy.prefix_hash(2) != first.prefix_hash(2));
  copy.truncate_from(5);  // past the end: no-op
  CHECK(copy.length() == 2);
  copy.clear();
  CHECK(copy.length() == 0);
}

TEST_CASE("LogMirror::place overwrites inside the log and pads gaps", "[check]") {
  LogMirror log;
  log.place(1, 1, 11);
  log.place(2, 1, 12);
  log.place(3, 1, 13);
  log.place(2, 2, 22);  // rewrite: drops index 3
  CHECK(log.length() == 2);
  CHECK(log.entry(2).term == 2);
  log.place(4, 2, 24);  // gap: index 3 is a placeholder
  CHECK(log.length() == 4);
  CHECK(log.entry(3).term == -1);
}

TEST_CASE("EntryRegistry keeps several terms per index", "[check]") {
  EntryRegistry registry;
  CHECK(registry.find(3, 1) == nullptr);
  registry.insert(2, {1, 100, NodeId::server(1), Time{10}});
  registry.insert(2, {3, 300, NodeId::server(5), Time{20}});
  registry.insert(2, {4, 400, NodeId::server(2), Time{30}});
  const RegisteredEntry& again = registry.insert(2, {3, 999, NodeId::server(4), Time{40}});
  CHECK(again.prefix_hash == 300);  // the first registration wins
  CHECK(again.first_holder == NodeId::server(5));
  REQUIRE(registry.find(2, 1) != nullptr);
  CHECK(registry.find(2, 1)->prefix_hash == 100);
  CHECK(registry.find(2, 4)->prefix_hash == 400);
  CHECK(registry.find(2, 2) == nullptr);
  CHECK(registry.find(1, 1) == nullptr);
}

}  // namespace
}  // namespace faultline
