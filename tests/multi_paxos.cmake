# Multi-Paxos: transcript tests (protocols/paxos/testdata/multi_*.txt), the state machine safety
# checker, and the fast scenarios swept over seeds.
fl_add_test(multi_paxos_tests
  SOURCES multi_paxos_transcript_test.cc multi_paxos_checker_test.cc
  LIBS fl_paxos fl_multi_paxos_testing fl_check)

# Whole runs of the multipaxos-*.yaml scenarios over seeds (slow: their own ctest entry).
fl_add_test(multi_paxos_scenario_tests
  SOURCES multi_paxos_scenario_test.cc
  LIBS fl_runner)
target_compile_definitions(multi_paxos_scenario_tests PRIVATE
    FAULTLINE_PROTOCOL_SEEDS=${FAULTLINE_PROTOCOL_SEEDS}
    FAULTLINE_PROTOCOL_NEMESIS_SEEDS=${FAULTLINE_PROTOCOL_NEMESIS_SEEDS})
