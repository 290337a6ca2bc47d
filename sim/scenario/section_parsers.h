// File: section_parsers.h
// Readers for the top-level scenario sections that describe the world: `cluster`, `network` and
// `disk` (`workload` is in workload_parser.h). Each fills the spec it is given, leaving defaults
// for absent keys, and owns the cross-key rules of its section (heartbeat interval below the
// election timeout min, latency bounds in order).
#pragma once

#include "sim/scenario/scenario.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

Status parse_cluster(const YamlField& field, ClusterSpec& cluster);
Status parse_network(const YamlField& field, NetworkSpec& network);
Status parse_disk(const YamlField& field, DiskSpec& disk);

}  // namespace faultline
