fl_add_test(tools_tests SOURCES cli_test.cc LIBS fl_base)
target_compile_definitions(tools_tests PRIVATE FAULTLINE_BINARY="$<TARGET_FILE:faultline>")
add_dependencies(tools_tests faultline)
fl_add_test(history_file_tests SOURCES history_file_test.cc LIBS fl_tools_lib)
