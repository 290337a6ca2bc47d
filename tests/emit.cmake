# Issue 6: nemesis timelines (the parser) and `run --emit-scenario` (round trips, the command line).
fl_add_test(nemesis_timeline_tests SOURCES nemesis_timeline_test.cc LIBS fl_scenario)
