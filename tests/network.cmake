fl_add_test(network_tests SOURCES reachability_test.cc network_model_test.cc LIBS fl_network)
