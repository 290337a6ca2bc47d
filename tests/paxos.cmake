# Paxos: single-decree transcript tests (protocols/paxos/testdata/single_*.txt) and the
# paxos.agreement / paxos.validity checkers over synthetic events.
fl_add_test(paxos_tests
  SOURCES paxos_transcript_test.cc
  LIBS fl_paxos fl_paxos_testing)
fl_add_test(paxos_checker_tests
  SOURCES paxos_checkers_test.cc
  LIBS fl_check)
fl_add_test(paxos_scenario_tests
  SOURCES paxos_scenarios_test.cc
  LIBS fl_runner fl_scenario)
