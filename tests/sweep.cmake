# `faultline sweep`, `sweep merge` and `test` (tools/sweep_command.h, tools/test_command.h): the
# command run as a user would, and its parts. The two `faultline test` runs over scenarios/fast
# and scenarios/negative with --junit are ctest entries of their own.
fl_add_test(sweep_tests SOURCES sweep_test.cc LIBS fl_tools_lib
            TEST_ARGS "~[junit-fast]~[junit-negative]")
target_compile_definitions(sweep_tests PRIVATE FAULTLINE_BINARY="$<TARGET_FILE:faultline>")
add_dependencies(sweep_tests faultline)
add_test(NAME faultline_test_fast COMMAND sweep_tests "[junit-fast]"
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME faultline_test_negative COMMAND sweep_tests "[junit-negative]"
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
