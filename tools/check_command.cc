// File: check_command.cc
// Argument validation, reading the history, the check, and the exit status.
#include "tools/check_command.h"

#include <fmt/format.h>

#include "sim/check/linearizability/history_reader.h"
#include "sim/check/linearizability/linearizability_checker.h"

namespace faultline {

namespace lin = linearizability;

namespace {

// --initial as a model value: "nil" is absent (a register never written); for a mutex "free"
// or "held".
Result<lin::Value> parse_initial(const std::string& text, lin::ModelKind model) {
  if (model == lin::ModelKind::mutex && text != lin::mutex_free && text != lin::mutex_held) {
    return Error::make(
        fmt::format("--initial: a mutex starts 'free' or 'held', not '{}'", printable(text)));
  }
  if (text == "nil") {
    return lin::Value{};
  }
  return lin::Value{text};
}

}  // namespace

int check_command(const CheckCommandOptions& options, std::FILE* out, std::FILE* err) {
  std::optional<lin::ModelKind> model = lin::parse_model(options.model);
  if (!model) {
    fmt::print(err, "error: --model: '{}' is not one of register, kv, mutex\n",
               printable(options.model));
    return 2;
  }
  std::optional<lin::HistoryFormat> format;
  if (options.format) {
    format = lin::parse_format(*options.format);
    if (!format) {
      fmt::print(err, "error: --format: '{}' is not one of jepsen-log, edn, json\n",
                 printable(*options.format));
      return 2;
    }
  }
  lin::CheckOptions check_options;
  check_options.model = *model;
  check_options.max_states = options.max_states;
  check_options.max_memo_bytes = options.max_memo_mb << 20;
  if (options.initial) {
    Result<lin::Value> initial = parse_initial(*options.initial, *model);
    if (!initial.ok()) {
      fmt::print(err, "error: {}\n", initial.error().to_string());
      return 2;
    }
    check_options.initial = *initial;
  }
  Result<std::string> text = lin::read_history_text(options.history_path);
  if (!text.ok()) {
    fmt::print(err, "error: {}\n", text.error().to_string());
    return 2;
  }
  lin::HistoryFormat chosen = format ? *format : lin::detect_format(options.history_path, *text);
  Result<lin::OperationHistory> history =
      lin::parse_history(*text, chosen, *model, options.history_path);
  if (!history.ok()) {
    fmt::print(err, "error: {}\n", history.error().to_string());
    return 2;
  }
  fmt::print(out, "faultline check {} model={} format={}\n", printable(options.history_path),
             lin::model_name(*model), lin::format_name(chosen));
  lin::CheckResult result = lin::check_history(*history, check_options);
  // Values and keys from the file reach the terminal escaped (format_value).
  fmt::print(out, "{}", lin::format_result(result, *model));
  switch (result.verdict) {
    case lin::Verdict::linearizable:
      return 0;
    case lin::Verdict::not_linearizable:
      return 1;
    case lin::Verdict::unknown:
      return check_exit_unknown;
  }
  return 2;
}

}  // namespace faultline
