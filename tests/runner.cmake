fl_add_test(runner_tests SOURCES runner_test.cc LIBS fl_runner)
