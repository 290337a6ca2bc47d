# Paxos: single-decree transcript tests (protocols/paxos/testdata/single_*.txt).
fl_add_test(paxos_tests
  SOURCES paxos_transcript_test.cc
  LIBS fl_paxos fl_paxos_testing)
