fl_add_test(clock_tests SOURCES clock_model_test.cc clock_timer_test.cc LIBS fl_clock fl_cluster)
