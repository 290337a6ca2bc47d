// File: lost_state.cc
#include "protocols/common/lost_state.h"

namespace faultline::common {

std::string_view lost_state_reason(NodeEnv& env, bool has_member_marker) {
  if (!env.storage().corrupted_keys().empty()) {
    return "corrupt";
  }
  if (env.boot_mode() == BootMode::rejoin && !has_member_marker) {
    return "wiped";
  }
  return "";
}

}  // namespace faultline::common
