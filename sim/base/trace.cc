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

namespace {

void append(fmt::memory_buffer& out, std::string_view text) {
  out.append(text.data(), text.data() + text.size());
}

void append_number(fmt::memory_buffer& out, int64_t value) {
  fmt::format_int digits(value);
  out.append(digits.data(), digits.data() + digits.size());
}

void append_node(fmt::memory_buffer& out, NodeId node) {
  if (node.is_none()) {
    out.push_back('-');
    return;
  }
  out.push_back(node.is_client() ? 'c' : 'n');
  append_number(out, node.number());
}

}  // namespace

// Hand-written rather than one fmt::format_to call: this runs for every event of every run, and
// the format is fixed (it is the determinism contract), so there is nothing to parse at run time.
void TraceSink::format_line(const TraceEvent& event, fmt::memory_buffer& out) {
  out.clear();
  append_number(out, event.time.ns);
  out.push_back(' ');
  append_node(out, event.node);
  if (event.has_local) {
    out.push_back('@');
    append_number(out, event.local.ns);
  }
  out.push_back(' ');
  append(out, event.component);
  out.push_back('.');
  append(out, event.name);
  for (size_t i = 0; i < event.field_count; ++i) {
    const TraceField& field = event.fields[i];
    out.push_back(' ');
    append(out, field.key);
    out.push_back('=');
    if (!field.is_text) {
      append_number(out, field.number);
    } else if (field.text.empty() || field.text.find(' ') != std::string_view::npos) {
      out.push_back('"');
      append(out, field.text);
      out.push_back('"');
    } else {
      append(out, field.text);
    }
  }
}

void TraceSink::record(const TraceEvent& event) {
  format_line(event, line_);
  line_.push_back('\n');
  uint64_t hash = hash_;
  for (char c : line_) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  hash_ = hash;
  if (stream_ != nullptr) {
    std::fwrite(line_.data(), 1, line_.size(), stream_);
  }
  tail_[tail_next_].assign(line_.data(), line_.size() - 1);
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

std::string format_hash(uint64_t hash) {
  return fmt::format("{:016x}", hash);
}

}  // namespace faultline
