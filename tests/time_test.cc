// File: time_test.cc
// Duration parsing and formatting: exact integer nanoseconds, clear errors.
#include <catch2/catch.hpp>

#include "sim/base/ratio.h"
#include "sim/base/time.h"

using namespace faultline;

TEST_CASE("durations parse to exact nanoseconds", "[time]") {
  CHECK(parse_duration("150ms")->ns == 150'000'000);
  CHECK(parse_duration("2s")->ns == 2'000'000'000);
  CHECK(parse_duration("1.5us")->ns == 1'500);
  CHECK(parse_duration("250ns")->ns == 250);
  CHECK(parse_duration("0.000000001s")->ns == 1);
  CHECK(parse_duration("1m")->ns == 60'000'000'000);
  CHECK(parse_duration("1h")->ns == 3'600'000'000'000);
  CHECK(parse_duration("0s")->ns == 0);
}

TEST_CASE("bad durations are errors that say why", "[time]") {
  for (const char* text : {"", "ms", "10", "-5ms", "1.5ns", "5 ms", "5mss", "1e3ms", "abc",
                           "99999999999999999999s", "10000000000h"}) {
    Result<Duration> parsed = parse_duration(text);
    INFO(text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message.find("invalid duration") != std::string::npos);
  }
  CHECK(parse_duration("-5ms").error().message.find("negative") != std::string::npos);
  CHECK(parse_duration("1.5ns").error().message.find("finer than 1ns") != std::string::npos);
  CHECK(parse_duration("5xs").error().message.find("unknown unit 'xs'") != std::string::npos);
}

TEST_CASE("durations format with the largest exact unit", "[time]") {
  CHECK(format_duration(Duration::milliseconds(150)) == "150ms");
  CHECK(format_duration(Duration{1'500}) == "1.5us");
  CHECK(format_duration(Duration::seconds(2)) == "2s");
  CHECK(format_duration(Duration{7}) == "7ns");
  CHECK(format_duration(Duration{1'234'567}) == "1234.567us");
  CHECK(format_time(Time{12'000'150'000}) == "12.000150000");
  // Long durations format exactly, without overflowing on the way.
  CHECK(format_duration(Duration::seconds(36'000'000)) == "36000000s");
  CHECK(format_duration(Duration{36'000'000'000'000'001}) == "36000000000000.001us");
}

TEST_CASE("time arithmetic is checked and exact", "[time]") {
  Time at{1'000};
  CHECK((at + Duration{500}).ns == 1'500);
  CHECK((Time{2'000} - at).ns == 1'000);
  CHECK((Duration::milliseconds(3) * 4).ns == 12'000'000);
}

TEST_CASE("probabilities are exact ratios", "[ratio]") {
  Ratio loss = *parse_ratio("0.001");
  CHECK(loss.numerator == 1);
  CHECK(loss.denominator == 1000);
  CHECK(parse_ratio("1/4")->denominator == 4);
  CHECK(parse_ratio("5%")->denominator == 20);
  CHECK(parse_ratio("1")->numerator == 1);
  CHECK_FALSE(parse_ratio("1.5").ok());
  CHECK_FALSE(parse_ratio("-0.1").ok());
  CHECK_FALSE(parse_ratio("x").ok());
  CHECK_FALSE(parse_ratio("3/2").ok());
}
