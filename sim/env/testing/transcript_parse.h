// File: transcript_parse.h
// The pure parsers the protocols' transcript runners share: command words, node names, durations
// and key=value options. None throws on malformed text: each answers nullopt (or skips it).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/base/node_id.h"
#include "sim/base/time.h"

namespace faultline::testing {

// The non-empty pieces of `text` between `separator`s ("a  b" -> {"a", "b"}).
std::vector<std::string> split(const std::string& text, char separator);

// "n3" -> server 3; "c2" -> client 2; nullopt otherwise. A number past uint32 wraps (mod 2^32).
std::optional<NodeId> parse_node_id(const std::string& text);

// "600ms", "5s", "10ns"; nullopt otherwise (a sign included).
std::optional<Duration> parse_duration(const std::string& text);

// parse_duration's forms, optionally signed ("+5s", "-1s"); nullopt otherwise.
std::optional<Duration> parse_signed_duration(const std::string& text);

// The key=value words of `words` from index `first` on; other words are skipped, a repeated key
// keeps its last value.
std::map<std::string, std::string> parse_options(const std::vector<std::string>& words,
                                                 size_t first);

}  // namespace faultline::testing
