# protocols/replication: transcript tests (protocols/replication/testdata/*.txt).
fl_add_test(replication_tests
  SOURCES replication_transcript_test.cc
  LIBS fl_replication fl_replication_testing)
# The replication checkers over hand-built events.
fl_add_test(replication_check_tests
  SOURCES replication_checkers_test.cc
  LIBS fl_check)
