// File: heartbeat_params_test.cc
// parse_detector_params (sim/scenario/detector_params.h): defaults, exact values, the decimal phi
// threshold in thousandths, and one error per kind of bad input, each naming file, line and key.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/scenario/detector_params_parser.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/yaml_document.h"
#include "sim/scenario/yaml_field.h"

namespace faultline {
namespace {

const std::string file_name = "inline.yaml";

// Parses the map under `detector:` of `text` (a one-key YAML document).
Status parse(const std::string& text, DetectorParams& out) {
  Result<YAML::Node> document = load_single_document(text, file_name);
  REQUIRE(document);
  YamlField top(*document, "", 1, file_name);
  YamlField detector = top.member((*document)["detector"], "detector", 1);
  return parse_detector_params(detector, out);
}

DetectorParams parse_ok(const std::string& text) {
  DetectorParams params;
  Status status = parse(text, params);
  INFO((status ? status->to_string() : std::string()));
  REQUIRE_FALSE(status);
  return params;
}

std::string parse_error(const std::string& text) {
  DetectorParams params;
  Status status = parse(text, params);
  REQUIRE(status);
  return status->to_string();
}

TEST_CASE("detector params: defaults and exact values", "[heartbeat]") {
  DetectorParams defaults = parse_ok("detector: {}\n");
  CHECK(defaults.kind == DetectorParams::Kind::fixed_timeout);
  CHECK(defaults.interval == Duration::milliseconds(100));
  CHECK(defaults.timeout == Duration::milliseconds(500));
  DetectorParams fixed =
      parse_ok("detector: { kind: fixed_timeout, interval: 50ms, timeout: 1s }\n");
  CHECK(fixed.interval == Duration::milliseconds(50));
  CHECK(fixed.timeout == Duration::seconds(1));
  DetectorParams phi = parse_ok(
      "detector:\n  kind: phi_accrual\n  phi_threshold: 2.5\n  window: 1000\n"
      "  min_std_deviation: 20ms\n  acceptable_pause: 150ms\n");
  CHECK(phi.kind == DetectorParams::Kind::phi_accrual);
  CHECK(phi.phi_threshold_milli == 2500);
  CHECK(phi.window == 1000);
  CHECK(phi.min_std_deviation == Duration::milliseconds(20));
  CHECK(phi.acceptable_pause == Duration::milliseconds(150));
  CHECK(parse_ok("detector: { kind: phi_accrual, phi_threshold: 8 }\n").phi_threshold_milli ==
        8000);
  CHECK(parse_ok("detector: { kind: phi_accrual, phi_threshold: 0.125 }\n").phi_threshold_milli ==
        125);
  CHECK(parse_ok("detector: { kind: phi_accrual, phi_threshold: 1000 }\n").phi_threshold_milli ==
        1'000'000);
}

TEST_CASE("detector params: errors name file, line and key", "[heartbeat]") {
  CHECK(parse_error("detector: 3\n") ==
        "inline.yaml:1: key 'detector': expected a map such as { kind: phi_accrual, interval: "
        "100ms, phi_threshold: 8 }, got '3'");
  CHECK(parse_error("detector:\n  kind: fixed_timeout\n  intervl: 1s\n")
            .find("inline.yaml:3: key 'detector.intervl': unknown key") == 0);
  CHECK(parse_error("detector: { kind: gossip }\n") ==
        "inline.yaml:1: key 'detector.kind': expected a detector kind: fixed_timeout, "
        "phi_accrual, got 'gossip'");
  CHECK(parse_error("detector:\n  window: 10\n") ==
        "inline.yaml:2: key 'detector.window': 'window' applies only to kind phi_accrual");
  CHECK(parse_error("detector:\n  kind: phi_accrual\n  timeout: 1s\n") ==
        "inline.yaml:3: key 'detector.timeout': 'timeout' applies only to kind fixed_timeout");
  CHECK(parse_error("detector: { interval: 200ms, timeout: 200ms }\n") ==
        "inline.yaml:1: key 'detector.timeout': timeout (200ms) must be greater than the "
        "interval (200ms)");
  CHECK(parse_error("detector: { interval: 0s }\n").find("key 'detector.interval'") !=
        std::string::npos);
  CHECK(parse_error("detector: { interval: 11m }\n") ==
        "inline.yaml:1: key 'detector.interval': must be at most 600s, got 660s");
  for (const char* bad : {"0", "-1", "2.5e3", "1.2345", "1001", "eight", "[8]"}) {
    INFO(bad);
    CHECK(parse_error(std::string("detector: { kind: phi_accrual, phi_threshold: ") + bad + " }\n")
              .find("key 'detector.phi_threshold': expected a phi threshold: a decimal in "
                    "0.001..1000 with at most 3 places") != std::string::npos);
  }
  CHECK(parse_error("detector: { kind: phi_accrual, window: 1 }\n").find("key 'detector.window'") !=
        std::string::npos);
  CHECK(parse_error("detector: { kind: phi_accrual, window: 10001 }\n")
            .find("key 'detector.window'") != std::string::npos);
  CHECK(parse_error("detector: { kind: phi_accrual, min_std_deviation: 0s }\n")
            .find("key 'detector.min_std_deviation'") != std::string::npos);
}

std::string heartbeat_scenario(const std::string& params) {
  return "name: hb\ncluster:\n  nodes: 3\n  protocol: heartbeat\n  params: " + params +
         "\nphases:\n  - { name: run, duration: 1s }\n";
}

TEST_CASE("heartbeat params in a whole scenario", "[heartbeat]") {
  Result<Scenario> scenario = parse_scenario(
      heartbeat_scenario("{ detector: { kind: phi_accrual, phi_threshold: 3, window: 50 } }"),
      file_name);
  REQUIRE(scenario.ok());
  const DetectorParams& detector = scenario->cluster.heartbeat.detector;
  CHECK(detector.kind == DetectorParams::Kind::phi_accrual);
  CHECK(detector.phi_threshold_milli == 3000);
  CHECK(detector.window == 50);
  CHECK(detector.interval == Duration::milliseconds(100));
  Result<Scenario> defaults = parse_scenario(heartbeat_scenario("{}"), file_name);
  REQUIRE(defaults.ok());
  CHECK(defaults->cluster.heartbeat.detector.kind == DetectorParams::Kind::fixed_timeout);
  CHECK(defaults->checks == std::vector<std::string>{"fd.qos"});  // default_checks
  Result<Scenario> unknown = parse_scenario(heartbeat_scenario("{ timeout: 1s }"), file_name);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().to_string().find("inline.yaml:5: key 'cluster.params.timeout': unknown "
                                         "key") == 0);
  Result<Scenario> nested = parse_scenario(
      heartbeat_scenario("{ detector: { kind: phi_accrual, window: 1 } }"), file_name);
  REQUIRE_FALSE(nested.ok());
  CHECK(nested.error().to_string().find("inline.yaml:5: key 'cluster.params.detector.window'") ==
        0);
}

}  // namespace
}  // namespace faultline
