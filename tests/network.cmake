fl_add_test(network_tests SOURCES reachability_test.cc LIBS fl_network)
