fl_add_test(cluster_tests SOURCES sim_storage_test.cc network_model_test.cc LIBS fl_cluster)
fl_add_test(nemesis_tests SOURCES nemesis_test.cc LIBS fl_cluster)
