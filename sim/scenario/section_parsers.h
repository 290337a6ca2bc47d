// File: section_parsers.h
// Readers for the top-level scenario sections `cluster` and `disk` (`network` is in
// network_parser.h, `clocks` in clock_parser.h, `workload` in workload_parser.h). Each fills the
// spec it is given, leaving defaults for absent keys, and owns the cross-key rules of its section
// (heartbeat interval below the election timeout min).
#pragma once

#include "sim/scenario/scenario.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {

Status parse_cluster(const YamlField& field, ClusterSpec& cluster);
Status parse_disk(const YamlField& field, DiskSpec& disk);

}  // namespace faultline
