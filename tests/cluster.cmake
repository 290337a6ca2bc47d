fl_add_test(cluster_tests SOURCES sim_storage_test.cc cluster_network_test.cc LIBS fl_cluster)
fl_add_test(nemesis_tests SOURCES nemesis_test.cc LIBS fl_cluster)
# Disks (issue 3): the model's decisions, and disk faults through the cluster with Raft.
fl_add_test(disk_tests SOURCES disk_model_test.cc cluster_disk_test.cc LIBS fl_cluster fl_raft fl_check)
