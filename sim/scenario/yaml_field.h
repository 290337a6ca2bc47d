// File: yaml_field.h
// One YAML node as the scenario parser sees it: the node plus where it is (file, 1-based line,
// dotted key path such as `phases[0].faults[1].at`). Owns the invariant that every error the
// parser reports names the file, line and key of the node it is about, and that reading a value
// never throws: yaml-cpp's throwing accessors (as<T>(), operator[] on the wrong type) are not used.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "sim/base/ratio.h"
#include "sim/base/result.h"
#include "sim/base/time.h"

// Returns the Error held by a Status from the enclosing function (which returns a Status or a
// Result<T>); continues when the Status is empty.
#define FL_SCENARIO_TRY(expression)                               \
  do {                                                            \
    if (::faultline::Status fl_scenario_status_ = (expression)) { \
      return *fl_scenario_status_;                                \
    }                                                             \
  } while (0)

namespace faultline {

// The largest duration any scenario key accepts, and the largest total of all phase durations.
// Far below the int64 range, so the runner can add a few of them to a time without overflow.
inline constexpr Duration max_scenario_duration = Duration::seconds(10'000LL * 3600);
inline constexpr std::string_view max_scenario_duration_text = "10000h";

// Whether a duration key accepts zero.
enum class DurationFloor { zero, positive };

class YamlField {
 public:
  // `line` is 1-based; `file` must outlive the field (it is the parser's file name).
  YamlField(YAML::Node node, std::string path, int line, std::string_view file);

  const YAML::Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  int line() const { return line_; }
  std::string_view file() const { return file_; }

  bool is_map() const { return node_.IsMap(); }
  bool is_list() const { return node_.IsSequence(); }
  bool is_scalar() const { return node_.IsScalar(); }
  // The scalar text; empty unless is_scalar().
  const std::string& text() const;

  // What the node is, for messages: "a map", "a list", "null" or the quoted scalar text.
  std::string describe() const;
  Error error(std::string message) const;
  // "expected <what>, got <describe()>".
  Error expected(std::string_view what) const;

  // The elements of a list (empty unless is_list()), with paths `path[0]`, `path[1]`, ...
  std::vector<YamlField> elements() const;
  // A field for the value of `key` in this map; `key_line` is used when the value has no line
  // of its own (a null value's mark points at the next token, not at the key).
  YamlField member(const YAML::Node& value, std::string_view key, int key_line) const;

  // Typed reads: on success store into `out`; on failure return an error naming what was expected.
  Status read_string(std::string& out) const;  // non-empty, at most 200 characters
  // A name that is later printed to terminals and traces (the scenario's, a phase's): a string
  // as above that is valid UTF-8 and holds no control characters (C0 such as newline and ESC,
  // DEL, C1), so that printing it can neither break a line apart nor drive the terminal.
  Status read_name(std::string& out) const;
  Status read_unsigned(uint64_t& out, uint64_t min, uint64_t max) const;
  Status read_unsigned(uint32_t& out, uint32_t min, uint32_t max) const;
  Status read_duration(Duration& out, DurationFloor floor) const;  // at most max_scenario_duration
  Status read_ratio(Ratio& out) const;
  Status read_bool(bool& out) const;  // `true` or `false` only
  // Unit-carrying values (value_parsers.h): bytes/s > 0; bytes > 0; a duration with an optional
  // `-` and |value| <= max_scenario_duration; an integer with an optional `-` and |value| <=
  // limit; events per second in 0..max_per_second as an exact ratio.
  Status read_bandwidth(uint64_t& out) const;
  Status read_size(uint64_t& out) const;
  Status read_signed_duration(Duration& out) const;
  Status read_signed_integer(int64_t& out, int64_t limit) const;
  Status read_rate_per_second(Ratio& out, uint64_t max_per_second) const;

 private:
  YAML::Node node_;
  std::string path_;
  int line_;
  std::string_view file_;
};

// The 1-based line of `node`, or `fallback` when it has none (or is null, whose mark is
// unreliable).
int yaml_line(const YAML::Node& node, int fallback);

}  // namespace faultline
