# `faultline shrink`: the negative scenarios shrunk and run again, a ten-fault reduction, exit
# statuses (in-process through tools/shrink_command.h, and through the binary).
fl_add_test(shrink_tests SOURCES shrink_test.cc LIBS fl_tools_lib)
target_compile_definitions(shrink_tests PRIVATE FAULTLINE_BINARY="$<TARGET_FILE:faultline>")
add_dependencies(shrink_tests faultline)
