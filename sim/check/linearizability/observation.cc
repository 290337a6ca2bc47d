// File: observation.cc
// Observations between writes and reads, and the pruning of unobserved indeterminate writes.
#include "sim/check/linearizability/observation.h"

#include <set>

namespace faultline::linearizability {

const Value* written_value(const Operation& operation) {
  switch (operation.function) {
    case Function::write:
    case Function::put:
    case Function::append:
      return &operation.input;
    case Function::cas:
      return operation.status == OperationStatus::failed ? nullptr : &operation.input_to;
    default:
      return nullptr;
  }
}

const Value* observed_value(const Operation& operation) {
  if (operation.status != OperationStatus::ok) {
    return nullptr;
  }
  switch (operation.function) {
    case Function::read:
    case Function::get:
      return &operation.output;
    case Function::cas:
      return &operation.input;
    default:
      return nullptr;
  }
}

bool has_append(const std::vector<const Operation*>& operations) {
  for (const Operation* operation : operations) {
    if (operation->function == Function::append) {
      return true;
    }
  }
  return false;
}

bool reads_from(const Operation& reader, const Operation& writer, bool appends_present) {
  const Value* observed = observed_value(reader);
  const Value* written = written_value(writer);
  if (observed == nullptr || written == nullptr || &reader == &writer) {
    return false;
  }
  if (writer.function == Function::append) {
    return written->has_value() && !(*written)->empty() && observed->has_value() &&
           (*observed)->find(**written) != std::string::npos;
  }
  if (writer.function == Function::put) {
    // A key's string is the last put's value followed by the appends since.
    if (!appends_present) {
      return *observed == *written;
    }
    return written->has_value() && observed->has_value() && (*observed)->starts_with(**written);
  }
  return *observed == *written;
}

std::vector<const Operation*> without_unobserved_writes(
    const std::vector<const Operation*>& operations) {
  static const std::string empty;
  std::set<Value> exact;                  // values read, or compared from by any cas
  std::vector<const std::string*> texts;  // what gets returned, for appends
  for (const Operation* operation : operations) {
    if (operation->function == Function::cas) {
      if (operation->status == OperationStatus::failed) {
        return operations;
      }
      exact.insert(operation->input);
    } else if (const Value* observed = observed_value(*operation)) {
      exact.insert(*observed);
      // A kv get that returned nil read "" (model.h).
      texts.push_back(observed->has_value() ? &**observed : &empty);
    }
  }
  auto observed = [&](const Operation& writer) {
    const Value* written = written_value(writer);
    if (written == nullptr) {
      return true;  // not a write
    }
    if (writer.function != Function::append && writer.function != Function::put) {
      return exact.count(*written) > 0;
    }
    for (const std::string* text : texts) {
      bool seen = writer.function == Function::put
                      ? text->starts_with(written->value_or(""))
                      : text->find(written->value_or("")) != std::string::npos;
      if (seen) {
        return true;
      }
    }
    return false;
  };
  std::vector<const Operation*> kept;
  kept.reserve(operations.size());
  for (const Operation* operation : operations) {
    if (operation->status != OperationStatus::indeterminate || observed(*operation)) {
      kept.push_back(operation);
    }
  }
  return kept;
}

}  // namespace faultline::linearizability
