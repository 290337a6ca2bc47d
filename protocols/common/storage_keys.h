// File: storage_keys.h
// Storage key helpers the protocols share. Owns the invariant that an indexed key (a log index, a
// slot) is its prefix and the index zero-padded to 20 digits, so that the storage's key order is
// the index order (a range erase or a prefix scan walks indices in order).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/env/storage.h"

namespace faultline::common {

// The bootstrap marker: written and synced first, its absence on a rejoin means a wiped disk.
inline constexpr std::string_view member_key = "member";

// "<prefix><20-digit index>", e.g. indexed_key("log/", 7) == "log/00000000000000000007".
std::string indexed_key(std::string_view prefix, uint64_t index);
// Whether the bootstrap marker is on the disk (false: never bootstrapped, or wiped since).
bool has_member_marker(const Storage& storage);

}  // namespace faultline::common
