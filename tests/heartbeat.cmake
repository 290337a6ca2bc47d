# Failure detectors and the heartbeat protocol (protocols/heartbeat): detector unit tests,
# protocol tests over sim/env/testing's FakeEnv, the fd.qos checker and the detector params.
fl_add_test(heartbeat_tests
  SOURCES
    heartbeat_detector_test.cc
    heartbeat_protocol_test.cc
    heartbeat_qos_test.cc
    heartbeat_params_test.cc
  LIBS fl_heartbeat fl_env_testing fl_check fl_scenario yaml-cpp)
# Whole runs: the scenario family under delay spikes and case F-01 (seconds, not minutes).
fl_add_test(heartbeat_scenario_tests SOURCES heartbeat_scenarios_test.cc LIBS fl_runner)
