fl_add_test(cluster_tests SOURCES sim_storage_test.cc cluster_network_test.cc LIBS fl_cluster)
fl_add_test(nemesis_tests SOURCES nemesis_test.cc LIBS fl_cluster)
