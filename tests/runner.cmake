fl_add_test(runner_tests SOURCES runner_test.cc LIBS fl_runner)
target_compile_definitions(runner_tests PRIVATE FAULTLINE_SWEEP_SEEDS=${FAULTLINE_SWEEP_SEEDS})
