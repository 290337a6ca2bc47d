# sim/scenario: YAML scenario parsing and validation.
fl_add_test(scenario_tests SOURCES scenario_parser_test.cc scenario_faults_test.cc LIBS fl_scenario)
