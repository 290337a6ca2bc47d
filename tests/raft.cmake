# Raft: transcript tests (protocols/raft/testdata/*.txt) and unit tests.
fl_add_test(raft_tests
  SOURCES raft_transcript_test.cc raft_log_entry_test.cc raft_storage_test.cc
  LIBS fl_raft fl_raft_testing)
