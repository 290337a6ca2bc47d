// File: detector_params.h
// Detector parameters of a scenario, as plain data (the runner maps them onto the protocol's own
// config). Filled by parse_detector_params (detector_params_parser.h).
#pragma once

#include <string>

namespace faultline {

struct DetectorParams {
  // A deliberately broken variant for negative scenarios; "" is the correct protocol.
  std::string bug;
};

}  // namespace faultline
