// File: scenario_parser.h
// The one producer of Scenario (scenario.h): reads a YAML scenario file and validates it against
// the schema in docs/scenario-reference.md. Owns the invariant that a Scenario it returns is
// complete and in range, and that any bad input (a syntax error, an unknown key, a wrong type, a
// value out of range, an undefined node) comes back as one Error naming file, 1-based line and
// dotted key path (`phases[0].faults[1].at`). No exception escapes and no input crashes it.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "sim/base/result.h"
#include "sim/scenario/scenario.h"

namespace faultline {

// Scenario text (or a file) larger than this is rejected before parsing: a limit on everything.
inline constexpr size_t max_scenario_bytes = size_t{16} << 20;

// Reads and validates a scenario file. Errors carry file, line (1-based) and dotted key path;
// errors about the file as a whole (unreadable, empty) have line 0 and no key.
Result<Scenario> load_scenario(const std::string& path);

// The text of a scenario file, as load_scenario reads it (a regular file of at most
// max_scenario_bytes). Errors have line 0 and no key.
Result<std::string> read_scenario_text(const std::string& path);

// Same from text; `file_name` is used in messages and stored in Scenario::file.
Result<Scenario> parse_scenario(std::string_view yaml_text, const std::string& file_name);

}  // namespace faultline
