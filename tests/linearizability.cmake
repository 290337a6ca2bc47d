# Tests of sim/check/linearizability: the models and the search on hand-written histories, every
# labelled case of ../shared/cases/linearizability, the readers, and `faultline check`.
fl_add_test(linearizability_tests
  SOURCES
    linearizability_models_test.cc
    linearizability_cases_test.cc
    linearizability_readers_test.cc
    linearizability_cli_test.cc
  LIBS fl_linearizability)
target_compile_definitions(linearizability_tests PRIVATE FAULTLINE_BINARY="$<TARGET_FILE:faultline>")
add_dependencies(linearizability_tests faultline)
