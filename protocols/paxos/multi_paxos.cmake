# Multi-Paxos ("Paxos Made Simple" section 3): sources added to fl_paxos (which links only
# fl_env / fl_base / fl_heartbeat), and the test-only transcript harness
# (tests/multi_paxos_transcript_test.cc). Included from protocols/paxos/CMakeLists.txt.
target_sources(fl_paxos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/multi_paxos_command.cc
  ${CMAKE_CURRENT_LIST_DIR}/multi_paxos_storage.cc
  ${CMAKE_CURRENT_LIST_DIR}/multi_paxos_node.cc
  ${CMAKE_CURRENT_LIST_DIR}/multi_paxos_acceptor.cc
  ${CMAKE_CURRENT_LIST_DIR}/multi_paxos_leader.cc
  ${CMAKE_CURRENT_LIST_DIR}/multi_paxos_replica.cc)
target_link_libraries(fl_paxos PUBLIC fl_protocol_common fl_heartbeat fl_env fl_base)

add_library(fl_multi_paxos_testing STATIC
  ${CMAKE_CURRENT_LIST_DIR}/testing/multi_transcript_runner.cc
  ${CMAKE_CURRENT_LIST_DIR}/testing/multi_message_format.cc)
target_link_libraries(fl_multi_paxos_testing PUBLIC fl_paxos fl_env_testing)
