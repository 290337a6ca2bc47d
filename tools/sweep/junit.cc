// File: junit.cc
#include "tools/sweep/junit.h"

#include <fmt/format.h>

namespace faultline {
namespace {

// The length of the valid UTF-8 sequence starting at `at`, or 0 when it is not one.
size_t utf8_sequence_length(std::string_view text, size_t at) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  size_t length = lead < 0x80           ? 1
                  : (lead >> 5) == 0x6  ? 2
                  : (lead >> 4) == 0xE  ? 3
                  : (lead >> 3) == 0x1E ? 4
                                        : 0;
  if (length == 0 || at + length > text.size()) {
    return 0;
  }
  uint32_t code = length == 1 ? lead : lead & (0x7F >> length);
  for (size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) {
      return 0;
    }
    code = (code << 6) | (byte(at + i) & 0x3F);
  }
  constexpr uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  bool valid = code >= smallest[length] && code <= 0x10FFFF &&
               !(code >= 0xD800 && code <= 0xDFFF) && code != 0xFFFE && code != 0xFFFF;
  return valid ? length : 0;
}

std::string attribute(std::string_view text) {
  return xml_escape(text, true);
}

void write_case(std::string& xml, const JunitCase& test_case) {
  xml += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\"",
                     attribute(test_case.classname), attribute(test_case.name),
                     test_case.time_seconds);
  if (test_case.outcome == JunitCase::Outcome::passed) {
    xml += "/>\n";
    return;
  }
  const char* element = test_case.outcome == JunitCase::Outcome::failure ? "failure" : "error";
  xml += fmt::format(">\n      <{} message=\"{}\" type=\"{}\">{}</{}>\n    </testcase>\n", element,
                     attribute(test_case.message), attribute(test_case.type),
                     xml_escape(test_case.text, false), element);
}

}  // namespace

std::string xml_escape(std::string_view text, bool in_attribute) {
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    char c = text[at];
    size_t length = utf8_sequence_length(text, at);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++at;
      continue;
    }
    if (length > 1) {
      out.append(text.substr(at, length));
      at += length;
      continue;
    }
    ++at;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
        out += in_attribute ? "&#10;" : "\n";
        break;
      case '\t':
        out += in_attribute ? "&#9;" : "\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          out += fmt::format("U+{:04X}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string junit_xml(const JunitSuite& suite) {
  size_t failures = 0;
  size_t errors = 0;
  double time_seconds = 0;
  for (const JunitCase& test_case : suite.cases) {
    failures += test_case.outcome == JunitCase::Outcome::failure ? 1 : 0;
    errors += test_case.outcome == JunitCase::Outcome::error ? 1 : 0;
    time_seconds += test_case.time_seconds;
  }
  std::string counts = fmt::format("tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{:.3f}\"",
                                   suite.cases.size(), failures, errors, time_seconds);
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += fmt::format("<testsuites name=\"faultline test\" {}>\n", counts);
  xml += fmt::format("  <testsuite name=\"{}\" {} skipped=\"0\">\n", attribute(suite.name), counts);
  for (const JunitCase& test_case : suite.cases) {
    write_case(xml, test_case);
  }
  xml += "  </testsuite>\n</testsuites>\n";
  return xml;
}

}  // namespace faultline
