// File: trace_command.h
// `faultline trace diff A B`: the first line where two canonical traces part (tools/trace_diff.h),
// the tool for a determinism bug. Exit 0 identical, 1 they differ, 2 a file cannot be read.
// (`faultline trace export` is in tools/trace_export.h.)
#pragma once

#include <cstdio>
#include <string>

namespace faultline {

int trace_diff_command(const std::string& first_path, const std::string& second_path,
                       std::FILE* out, std::FILE* err);

}  // namespace faultline
