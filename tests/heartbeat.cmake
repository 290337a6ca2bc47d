# Failure detectors and the heartbeat protocol (protocols/heartbeat): detector unit tests and
# protocol tests over sim/env/testing's FakeEnv.
fl_add_test(heartbeat_tests
  SOURCES heartbeat_detector_test.cc heartbeat_protocol_test.cc heartbeat_qos_test.cc
  LIBS fl_heartbeat fl_env_testing fl_check)
