// File: yaml_document.h
// Turns scenario text into exactly one YAML document tree, or an Error with file and line. Owns
// the invariant that no yaml-cpp exception escapes and that malformed input cannot make yaml-cpp
// loop: YAML::LoadAll in yaml-cpp 0.7 never ends on a stray ',' at document level (it yields
// empty documents without consuming the token; jbeder/yaml-cpp#1040, fixed upstream by #1319),
// so documents are counted with a bounded event pass that detects a parser making no progress.
// The same pass bounds nesting (max_scenario_nesting): yaml-cpp's own guard only says "bad file".
#pragma once

#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "sim/base/result.h"
#include "sim/scenario/scenario_parser.h"

namespace faultline {

// Lists and maps nested deeper than this are rejected before the tree is built. The schema's
// deepest collection, a partition group (phases[i].faults[j].partition[k]), is at level 7 (the
// top map is level 1).
inline constexpr int max_scenario_nesting = 64;

// The single document of `text` (a null node when the text holds no document). Errors: larger
// than max_scenario_bytes, a YAML syntax error (with its line), more than one document, nesting
// deeper than max_scenario_nesting (with the line of the first collection too deep).
Result<YAML::Node> load_single_document(std::string_view text, const std::string& file_name);

}  // namespace faultline
