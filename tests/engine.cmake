fl_add_test(engine_tests SOURCES time_test.cc rng_test.cc event_queue_test.cc simulator_test.cc
            LIBS fl_engine fl_base)
