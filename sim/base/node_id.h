// File: node_id.h
// Identifiers of simulated endpoints: servers n1..nN and clients c1..cK share one id space so the
// network can carry messages between any two of them.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

#include <fmt/format.h>

namespace faultline {

// A server is NodeId{1..N} ("n1".."nN"); a client is NodeId{client_id_base + k} ("ck"). 0 is "no
// node" (for example an unknown leader).
struct NodeId {
  uint32_t value = 0;

  static constexpr uint32_t client_id_base = 1u << 20;

  static constexpr NodeId none() { return NodeId{0}; }
  static constexpr NodeId server(uint32_t number) { return NodeId{number}; }
  static constexpr NodeId client(uint32_t number) { return NodeId{client_id_base + number}; }

  bool is_none() const { return value == 0; }
  bool is_client() const { return value > client_id_base; }
  bool is_server() const { return value != 0 && value < client_id_base; }
  // 1-based number within its kind: n3 -> 3, c2 -> 2.
  uint32_t number() const { return is_client() ? value - client_id_base : value; }
  // "n3", "c2" or "-".
  std::string name() const {
    if (is_none()) {
      return "-";
    }
    std::string text(1, is_client() ? 'c' : 'n');
    text += std::to_string(number());
    return text;
  }

  friend constexpr auto operator<=>(NodeId, NodeId) = default;
};

}  // namespace faultline
