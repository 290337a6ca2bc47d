// File: history_generator.cc
// Plan each client's operations on a timeline, pick each one's instant of effect, apply them in
// that order to a map to fill in the reads, and emit them by call time.
#include "sim/check/linearizability/history_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "sim/base/check.h"
#include "sim/base/rng.h"

namespace faultline::linearizability {

namespace {

Function draw_function(Rng& rng, const GeneratorConfig& config) {
  uint64_t draw = rng.uniform(0, 99);
  if (draw < config.put_percent) {
    return Function::put;
  }
  if (draw < config.put_percent + config.append_percent) {
    return Function::append;
  }
  return Function::get;
}

}  // namespace

OperationHistory generate_kv_history(const GeneratorConfig& config) {
  FL_CHECK(config.clients > 0 && config.keys > 0, "a history needs clients and keys");
  FL_CHECK(config.latency_ns_min >= 3 && config.latency_ns_min <= config.latency_ns_max,
           "latency range [{}, {}]", config.latency_ns_min, config.latency_ns_max);
  RngStreams streams(config.seed);
  std::vector<Rng> client_rngs;
  std::vector<int64_t> client_free_at(config.clients, 0);
  std::vector<uint64_t> client_count(config.clients, 0);
  for (uint64_t client = 0; client < config.clients; ++client) {
    client_rngs.push_back(streams.derive("lin.client", client));
  }
  Rng effect_rng = streams.derive("lin.effect");
  OperationHistory history;
  // (instant of effect, operation index): the linearization.
  std::vector<std::tuple<int64_t, size_t>> effects;
  for (uint64_t index = 0; index < config.operations; ++index) {
    // The next operation belongs to the client that is free first (ties: lowest number).
    auto client = static_cast<uint64_t>(
        std::min_element(client_free_at.begin(), client_free_at.end()) - client_free_at.begin());
    Rng& rng = client_rngs[client];
    Operation operation;
    operation.process = static_cast<int64_t>(client);
    operation.function = draw_function(rng, config);
    operation.key = fmt::format("k{}", rng.index(config.keys));
    operation.call = client_free_at[client] + static_cast<int64_t>(rng.uniform(
                                                  0, static_cast<uint64_t>(config.pause_ns_max)));
    operation.ret =
        operation.call + rng.uniform_signed(config.latency_ns_min, config.latency_ns_max);
    operation.call_time_ns = operation.call;
    operation.return_time_ns = operation.ret;
    std::string value = fmt::format("c{}-{}", client, client_count[client]++);
    if (operation.function == Function::put) {
      operation.input = value;
    } else if (operation.function == Function::append) {
      operation.input = " " + value;
    }
    client_free_at[client] = operation.ret;
    effects.emplace_back(effect_rng.uniform_signed(operation.call + 1, operation.ret - 1),
                         history.size());
    history.push_back(std::move(operation));
  }
  std::sort(effects.begin(), effects.end());
  std::map<std::string, std::string> store;
  for (const auto& [instant, index] : effects) {
    Operation& operation = history[index];
    std::string& current = store[operation.key];
    if (operation.function == Function::get) {
      operation.output = current;
    } else if (operation.function == Function::put) {
      current = *operation.input;
    } else {
      current += *operation.input;
    }
  }
  std::stable_sort(
      history.begin(), history.end(),
      [](const Operation& left, const Operation& right) { return left.call < right.call; });
  return history;
}

}  // namespace faultline::linearizability
