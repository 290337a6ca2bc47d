# Issue 6: nemesis timelines (the parser) and `run --emit-scenario` (round trips, the command line).
fl_add_test(nemesis_timeline_tests SOURCES nemesis_timeline_test.cc LIBS fl_scenario)
fl_add_test(scenario_emit_tests SOURCES scenario_emit_test.cc LIBS fl_tools_lib)
target_compile_definitions(scenario_emit_tests PRIVATE FAULTLINE_BINARY="$<TARGET_FILE:faultline>"
                                                      FAULTLINE_EMIT_SEEDS=${FAULTLINE_EMIT_SEEDS})
add_dependencies(scenario_emit_tests faultline)
