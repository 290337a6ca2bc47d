# The seed sweeps are the slow part: they get their own ctest entries (the same binary with a Catch
# tag filter) so that `ctest -j` runs them in parallel; runner_tests runs everything else.
fl_add_test(runner_tests SOURCES runner_test.cc LIBS fl_runner TEST_ARGS "~[sweep]")
target_compile_definitions(runner_tests PRIVATE FAULTLINE_SWEEP_SEEDS=${FAULTLINE_SWEEP_SEEDS}
                                                FAULTLINE_NEMESIS_SEEDS=${FAULTLINE_NEMESIS_SEEDS})
add_test(NAME runner_sweep_tests COMMAND runner_tests "[sweep]~[nemesis]"
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME runner_nemesis_tests COMMAND runner_tests "[nemesis]"
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
