// File: history_reader.cc
// Format names and detection, reading the file, and dispatch to the format's reader.
#include "sim/check/linearizability/history_reader.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/check/linearizability/format_readers.h"
#include "sim/check/linearizability/history_builder.h"

namespace faultline::linearizability {

namespace {

// Histories are text of at most this size; a larger file is likely a mistake (STYLE.md 7).
constexpr std::streamoff max_history_bytes = std::streamoff{1} << 30;

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The first character that is not whitespace (or a comma) at or after `from`, or '\0'.
char first_significant(std::string_view text, size_t from = 0) {
  size_t at = text.find_first_not_of(" \t\r\n,", from);
  return at == std::string_view::npos ? '\0' : text[at];
}

}  // namespace

std::string_view format_name(HistoryFormat format) {
  switch (format) {
    case HistoryFormat::jepsen_log:
      return "jepsen-log";
    case HistoryFormat::edn:
      return "edn";
    case HistoryFormat::json:
      return "json";
  }
  return "?";
}

std::optional<HistoryFormat> parse_format(std::string_view name) {
  for (HistoryFormat format :
       {HistoryFormat::jepsen_log, HistoryFormat::edn, HistoryFormat::json}) {
    if (format_name(format) == name) {
      return format;
    }
  }
  return std::nullopt;
}

HistoryFormat detect_format(std::string_view path, std::string_view text) {
  if (ends_with(path, ".log")) {
    return HistoryFormat::jepsen_log;
  }
  if (ends_with(path, ".edn")) {
    return HistoryFormat::edn;
  }
  if (ends_with(path, ".json") || ends_with(path, ".jsonl")) {
    return HistoryFormat::json;
  }
  if (text.substr(0, text.find('\n')).find("jepsen.util - ") != std::string_view::npos) {
    return HistoryFormat::jepsen_log;
  }
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start != std::string_view::npos) {
    size_t brace = text[start] == '[' ? text.find_first_not_of(" \t\r\n", start + 1) : start;
    if (brace != std::string_view::npos && text[brace] == '{' &&
        first_significant(text, brace + 1) == '"') {
      return HistoryFormat::json;
    }
  }
  return HistoryFormat::edn;
}

Result<OperationHistory> parse_history(std::string_view text, HistoryFormat format, ModelKind model,
                                       std::string_view path) {
  HistoryBuilder builder(model, path, format == HistoryFormat::jepsen_log);
  Status status;
  switch (format) {
    case HistoryFormat::jepsen_log:
      status = read_jepsen_log(text, path, builder);
      break;
    case HistoryFormat::edn:
      status = read_edn_history(text, path, builder);
      break;
    case HistoryFormat::json:
      status = read_json_history(text, path, builder);
      break;
  }
  if (status) {
    return *status;
  }
  if (builder.events() == 0) {
    Error error = Error::make("the history holds no client operation (empty, or only the nemesis)");
    error.file = std::string(path);
    return error;
  }
  return std::move(builder).finish();
}

Result<std::string> read_history_text(const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    Error error = Error::make("is a directory, not a history file");
    error.file = path;
    return error;
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    Error error = Error::make("cannot open the history file");
    error.file = path;
    return error;
  }
  file.seekg(0, std::ios::end);
  std::streamoff size = file.tellg();
  if (size > max_history_bytes) {
    Error error = Error::make(fmt::format("the file has {} bytes, above the limit of {}", size,
                                          static_cast<int64_t>(max_history_bytes)));
    error.file = path;
    return error;
  }
  file.seekg(0, std::ios::beg);
  std::ostringstream contents;
  contents << file.rdbuf();
  if (file.bad() || size < 0) {
    Error error = Error::make("cannot read the history file");
    error.file = path;
    return error;
  }
  return std::move(contents).str();
}

Result<OperationHistory> read_history(const std::string& path, std::optional<HistoryFormat> format,
                                      ModelKind model) {
  Result<std::string> text = read_history_text(path);
  if (!text.ok()) {
    return text.error();
  }
  return parse_history(*text, format ? *format : detect_format(path, *text), model, path);
}

}  // namespace faultline::linearizability
