// File: storage_keys.cc
#include "protocols/common/storage_keys.h"

#include <fmt/format.h>

namespace faultline::common {

std::string indexed_key(std::string_view prefix, uint64_t index) {
  return fmt::format("{}{:020}", prefix, index);
}

bool has_member_marker(const Storage& storage) {
  return storage.get(member_key).has_value();
}

}  // namespace faultline::common
