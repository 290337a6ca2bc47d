// File: network_parser.h
// Reads the `network` section: latency, loss, duplicate, reorder, bandwidth, queue capacity, the
// topology and per-link overrides. Owns the rules that latency bounds are in order, every server
// is in exactly one rack, and a link override names two distinct defined servers, changes at
// least one value and covers no directed server pair that another override covers.
#pragma once

#include <cstdint>

#include "sim/scenario/scenario.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

// `node_count` resolves the node names of racks and links.
Status parse_network(const YamlField& field, uint32_t node_count, NetworkSpec& network);

}  // namespace faultline
