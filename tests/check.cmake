# Tests of sim/check: the Raft safety checkers and liveness deadlines over synthetic trace events.
fl_add_test(check_tests
  SOURCES
    check_log_mirror_test.cc
    check_election_safety_test.cc
    check_log_matching_test.cc
    check_leader_completeness_test.cc
    check_commit_quorum_test.cc
    check_state_machine_safety_test.cc
    check_liveness_test.cc
    check_checker_set_test.cc
    check_role_event_test.cc
    check_linearizable_test.cc
  LIBS fl_check)
