// File: trace.cc
// Canonical formatting and hashing of trace events.
#include "sim/base/trace.h"

#include <fmt/format.h>

namespace faultline {

TraceEvent::TraceEvent(std::string_view event_component, std::string_view event_name,
                       std::initializer_list<TraceField> event_fields)
    : component(event_component), name(event_name) {
  FL_CHECK(event_fields.size() <= max_fields, "trace event {}.{} has {} fields (max {})",
           event_component, event_name, event_fields.size(), max_fields);
  for (const TraceField& field : event_fields) {
    fields[field_count++] = field;
  }
}

int64_t TraceEvent::number(std::string_view key) const {
  for (size_t i = 0; i < field_count; ++i) {
    if (fields[i].key == key && !fields[i].is_text) {
      return fields[i].number;
    }
  }
  FL_CHECK(false, "trace event {}.{} has no integer field '{}'", component, name, key);
  return 0;
}

std::string_view TraceEvent::text(std::string_view key) const {
  for (size_t i = 0; i < field_count; ++i) {
    if (fields[i].key == key && fields[i].is_text) {
      return fields[i].text;
    }
  }
  FL_CHECK(false, "trace event {}.{} has no text field '{}'", component, name, key);
  return {};
}

bool TraceEvent::has(std::string_view key) const {
  for (size_t i = 0; i < field_count; ++i) {
    if (fields[i].key == key) {
      return true;
    }
  }
  return false;
}

TraceSink::TraceSink(size_t tail_capacity) : tail_(tail_capacity) {
  FL_CHECK(tail_capacity > 0, "tail capacity must be positive");
}

TraceSink::~TraceSink() = default;

void TraceSink::format_line(const TraceEvent& event, std::string& out) {
  out.clear();
  auto inserter = std::back_inserter(out);
  fmt::format_to(inserter, "{} {} {}.{}", event.time.ns, event.node.name(), event.component,
                 event.name);
  for (size_t i = 0; i < event.field_count; ++i) {
    const TraceField& field = event.fields[i];
    if (!field.is_text) {
      fmt::format_to(inserter, " {}={}", field.key, field.number);
    } else if (field.text.empty() || field.text.find(' ') != std::string_view::npos) {
      fmt::format_to(inserter, " {}=\"{}\"", field.key, field.text);
    } else {
      fmt::format_to(inserter, " {}={}", field.key, field.text);
    }
  }
}

void TraceSink::record(const TraceEvent& event) {
  format_line(event, line_);
  line_.push_back('\n');
  for (char c : line_) {
    hash_ ^= static_cast<unsigned char>(c);
    hash_ *= 0x100000001b3ull;
  }
  if (stream_ != nullptr) {
    std::fwrite(line_.data(), 1, line_.size(), stream_);
  }
  line_.pop_back();
  tail_[tail_next_].assign(line_);
  tail_next_ = (tail_next_ + 1) % tail_.size();
  ++event_count_;
  for (TraceObserver* observer : observers_) {
    observer->on_trace(event);
  }
}

std::vector<std::string> TraceSink::tail() const {
  std::vector<std::string> lines;
  for (size_t i = 0; i < tail_.size(); ++i) {
    const std::string& line = tail_[(tail_next_ + i) % tail_.size()];
    if (!line.empty()) {
      lines.push_back(line);
    }
  }
  return lines;
}

std::string format_hash(uint64_t hash) { return fmt::format("{:016x}", hash); }

}  // namespace faultline
