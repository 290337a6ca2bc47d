# protocols/replication: transcript tests (protocols/replication/testdata/*.txt).
fl_add_test(replication_tests
  SOURCES replication_transcript_test.cc
  LIBS fl_replication fl_replication_testing)
# The replication checkers over hand-built events.
fl_add_test(replication_check_tests
  SOURCES replication_checkers_test.cc
  LIBS fl_check)
# cluster.params of protocol replication.
fl_add_test(replication_params_tests
  SOURCES replication_params_test.cc
  LIBS fl_scenario)
# Whole runs of scenarios/*/replication-*.yaml (the nemesis sweeps, the leaderless one included,
# are their own ctest entry).
fl_add_test(replication_runner_tests
  SOURCES replication_scenarios_test.cc replication_leaderless_test.cc LIBS fl_runner
            TEST_ARGS "~[nemesis]")
add_test(NAME replication_nemesis_tests COMMAND replication_runner_tests "[nemesis]"
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
target_compile_definitions(replication_runner_tests PRIVATE
    FAULTLINE_PROTOCOL_SEEDS=${FAULTLINE_PROTOCOL_SEEDS}
    FAULTLINE_PROTOCOL_NEMESIS_SEEDS=${FAULTLINE_PROTOCOL_NEMESIS_SEEDS})
