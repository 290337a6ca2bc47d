// File: offset_env.h
// A FakeEnv whose clock reads the shared clock plus an offset (models/clock's offset, by hand), so
// a transcript can run one node's local clock ahead of the others ("clock n1 +5s").
#pragma once

#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/env/node_env.h"
#include "sim/env/testing/fake_env.h"

namespace faultline::replication::testing {

class OffsetEnv final : public NodeEnv {
 public:
  OffsetEnv(NodeId self, std::vector<NodeId> peers, faultline::testing::FakeWorld& world)
      : fake_(self, std::move(peers), world) {}
  NodeId self() const override { return fake_.self(); }
  std::span<const NodeId> peers() const override { return fake_.peers(); }
  Time now() const override { return fake_.now() + offset_; }
  void send(NodeId target, MessagePtr message) override { fake_.send(target, std::move(message)); }
  TimerId set_timer(Duration delay, uint64_t tag) override { return fake_.set_timer(delay, tag); }
  void cancel_timer(TimerId timer) override { fake_.cancel_timer(timer); }
  Storage& storage() override { return fake_.storage(); }
  Rng& rng() override { return fake_.rng(); }
  void trace(TraceEvent event) override { fake_.trace(event); }
  BootMode boot_mode() const override { return fake_.boot_mode(); }
  void halt(std::string_view reason) override { fake_.halt(reason); }

  faultline::testing::FakeEnv& fake() { return fake_; }
  void set_offset(Duration offset) { offset_ = offset; }

 private:
  faultline::testing::FakeEnv fake_;
  Duration offset_{0};
};

}  // namespace faultline::replication::testing
