// File: model.cc
// The three sequential specifications. Values compare as strings; a kv key's absent value is
// the empty string (a get that returned nil read "").
#include "sim/check/linearizability/model.h"

#include "sim/base/check.h"

namespace faultline::linearizability {

namespace {

Value default_initial(ModelKind kind) {
  switch (kind) {
    case ModelKind::cas_register:
      return std::nullopt;
    case ModelKind::kv:
      return std::string{};
    case ModelKind::mutex:
      return std::string{mutex_free};
  }
  return std::nullopt;
}

std::string kv_text(const Value& value) {
  return value.value_or(std::string{});
}

std::optional<Value> register_step(const Value& state, const Operation& operation) {
  switch (operation.function) {
    case Function::read:
      if (operation.status == OperationStatus::ok && operation.output != state) {
        return std::nullopt;
      }
      return state;
    case Function::write:
      return operation.input;
    case Function::cas: {
      bool compare_holds = state == operation.input;
      switch (operation.status) {
        case OperationStatus::ok:
          return compare_holds ? std::optional<Value>{operation.input_to} : std::nullopt;
        case OperationStatus::failed:
          return compare_holds ? std::nullopt : std::optional<Value>{state};
        case OperationStatus::indeterminate:
          return compare_holds ? operation.input_to : state;
      }
      return std::nullopt;
    }
    default:
      FL_CHECK(false, "register model given {}", function_name(operation.function));
  }
  return std::nullopt;
}

std::optional<Value> kv_step(const Value& state, const Operation& operation) {
  switch (operation.function) {
    case Function::get:
      if (operation.status == OperationStatus::ok && kv_text(operation.output) != kv_text(state)) {
        return std::nullopt;
      }
      return state;
    case Function::put:
      return Value{kv_text(operation.input)};
    case Function::append:
      return Value{kv_text(state) + kv_text(operation.input)};
    default:
      FL_CHECK(false, "kv model given {}", function_name(operation.function));
  }
  return std::nullopt;
}

std::optional<Value> mutex_step(const Value& state, const Operation& operation) {
  switch (operation.function) {
    case Function::acquire:
      if (state != std::string{mutex_free}) {
        return std::nullopt;
      }
      return Value{std::string{mutex_held}};
    case Function::release:
      if (state != std::string{mutex_held}) {
        return std::nullopt;
      }
      return Value{std::string{mutex_free}};
    default:
      FL_CHECK(false, "mutex model given {}", function_name(operation.function));
  }
  return std::nullopt;
}

}  // namespace

std::string_view model_name(ModelKind kind) {
  switch (kind) {
    case ModelKind::cas_register:
      return "register";
    case ModelKind::kv:
      return "kv";
    case ModelKind::mutex:
      return "mutex";
  }
  return "?";
}

std::optional<ModelKind> parse_model(std::string_view name) {
  for (ModelKind kind : {ModelKind::cas_register, ModelKind::kv, ModelKind::mutex}) {
    if (model_name(kind) == name) {
      return kind;
    }
  }
  return std::nullopt;
}

Model::Model(ModelKind kind, std::optional<Value> initial)
    : kind_(kind), initial_(initial ? *initial : default_initial(kind)) {
  if (kind_ == ModelKind::kv) {
    initial_ = kv_text(initial_);
  }
  FL_CHECK(kind_ != ModelKind::mutex || initial_ == std::string{mutex_free} ||
               initial_ == std::string{mutex_held},
           "a mutex starts free or held, not {}", format_value(initial_));
}

bool Model::accepts(Function function) const {
  switch (kind_) {
    case ModelKind::cas_register:
      return function == Function::read || function == Function::write || function == Function::cas;
    case ModelKind::kv:
      return function == Function::get || function == Function::put || function == Function::append;
    case ModelKind::mutex:
      return function == Function::acquire || function == Function::release;
  }
  return false;
}

std::optional<Value> Model::step(const Value& state, const Operation& operation) const {
  switch (kind_) {
    case ModelKind::cas_register:
      return register_step(state, operation);
    case ModelKind::kv:
      return kv_step(state, operation);
    case ModelKind::mutex:
      return mutex_step(state, operation);
  }
  return std::nullopt;
}

}  // namespace faultline::linearizability
