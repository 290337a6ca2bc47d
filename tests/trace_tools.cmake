# `faultline replay`, `trace diff` and `trace export` (tools/replay_command.h, trace_command.h,
# trace_export.h): through the binary, plus the trace reader and RunOptions::until directly.
fl_add_test(trace_tools_tests SOURCES trace_tools_test.cc
            LIBS fl_tools_lib nlohmann_json::nlohmann_json)
target_compile_definitions(trace_tools_tests PRIVATE FAULTLINE_BINARY="$<TARGET_FILE:faultline>")
add_dependencies(trace_tools_tests faultline)
# The HTML space-time diagram rendered by headless Chromium (Debian's `chromium`, installed by
# scripts/setup.sh): it fails, never skips, when chromium is missing.
fl_add_test(trace_html_chromium_tests SOURCES trace_html_chromium_test.cc LIBS fl_base)
target_compile_definitions(trace_html_chromium_tests
                           PRIVATE FAULTLINE_BINARY="$<TARGET_FILE:faultline>")
add_dependencies(trace_html_chromium_tests faultline)
