// File: junit.h
// JUnit XML for CI (`faultline test --junit FILE`): one <testsuite> of <testcase>s, each passed,
// failed (<failure>) or in error (<error>: a crash or a bad scenario file). Owns the escaping:
// any text (trace lines, stderr, error messages) becomes well-formed XML 1.0, with markup
// characters escaped, control characters shown as U+XXXX and invalid UTF-8 replaced by U+FFFD.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace faultline {

struct JunitCase {
  enum class Outcome { passed, failure, error };
  std::string classname;
  std::string name;
  double time_seconds = 0;
  Outcome outcome = Outcome::passed;
  std::string message;  // failure / error: the one-line summary (an attribute)
  std::string type;     // failure / error: e.g. safety_violation, signal, bad_scenario
  std::string text;     // failure / error: the body (replay command, trace tail, stderr)
};

struct JunitSuite {
  std::string name;
  std::vector<JunitCase> cases;
};

std::string junit_xml(const JunitSuite& suite);

// Text for an XML attribute or element: & < > " ' escaped; newline and tab kept (as &#10; and
// &#9; in attributes); other control characters as U+XXXX; invalid UTF-8 as U+FFFD.
std::string xml_escape(std::string_view text, bool attribute);

}  // namespace faultline
