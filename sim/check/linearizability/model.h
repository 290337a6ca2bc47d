// File: model.h
// The sequential specifications the checker linearizes against: a register (read, write,
// compare-and-set), a key-value map (get, put, append) and a mutex (acquire, release). A model is
// a pure function from (state, operation) to the next state, or to "illegal here". Every key is
// an independent object of the model, so a history splits per key (P-compositionality).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/check/linearizability/operation.h"

namespace faultline::linearizability {

enum class ModelKind : uint8_t { cas_register, kv, mutex };

// "register", "kv", "mutex".
std::string_view model_name(ModelKind kind);
std::optional<ModelKind> parse_model(std::string_view name);

class Model {
 public:
  // `initial`: the state of every key before any operation; nullopt for the model's default
  // (register: absent; kv: the empty string; mutex: free). A mutex's state is "free" or "held".
  explicit Model(ModelKind kind, std::optional<Value> initial = std::nullopt);

  ModelKind kind() const { return kind_; }
  const Value& initial_state() const { return initial_; }
  // Whether `function` is an operation of this model (read, write, cas for the register...).
  bool accepts(Function function) const;
  // The state after `operation` applied to `state`, or nullopt if the operation cannot take
  // effect in that state (a read that returned another value, a cas whose outcome disagrees, an
  // acquire of a held mutex). An indeterminate operation's output is unknown and never disagrees.
  std::optional<Value> step(const Value& state, const Operation& operation) const;

 private:
  ModelKind kind_;
  Value initial_;
};

// The mutex model's two states.
inline constexpr std::string_view mutex_free = "free";
inline constexpr std::string_view mutex_held = "held";

}  // namespace faultline::linearizability
