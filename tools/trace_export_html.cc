// File: trace_export_html.cc
// The space-time diagram page of a canonical trace (trace_export.h): the trace is read once into
// a bounded model (at most max_messages sends with their arrivals, max_events protocol events and
// as many faults), embedded as JSON in the page, and drawn as SVG by the page's own script
// (trace_html_page.h).
#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_set>

#include "tools/trace_export.h"
#include "tools/trace_html_page.h"

namespace faultline {
namespace {

using Json = nlohmann::json;

// "raft.become_leader term=3": the event and its fields as the trace wrote them.
std::string describe(const TraceRecord& record) {
  std::string text = fmt::format("{}.{}", record.component, record.event);
  for (const TraceRecord::Field& field : record.fields) {
    bool quote = field.value.empty() || field.value.find(' ') != std::string_view::npos;
    text += fmt::format(" {}={}{}{}", field.key, quote ? "\"" : "", field.value, quote ? "\"" : "");
  }
  return text;
}

class HtmlModel : public TraceVisitor {
 public:
  HtmlModel(uint64_t max_messages, uint64_t max_events)
      : max_messages_(max_messages), max_events_(max_events) {}

  void on_node(NodeId node) override { nodes_.insert(node.value); }

  void on_send(const TraceRecord& record, const TraceMessage& message) override {
    (void)record;
    ++sends_;
    if (drawn_.size() < max_messages_) {
      drawn_.insert(message.id);
    }
  }

  void on_deliver(const TraceRecord& record, const TraceMessage& message) override {
    add_copy(record, message, 0, "");
  }

  void on_drop(const TraceRecord& record, const TraceMessage& message,
               std::string_view reason) override {
    add_copy(record, message, 1, reason);
  }

  void on_event(const TraceRecord& record, TraceEventKind kind) override {
    switch (kind) {
      case TraceEventKind::protocol:
        ++events_total_;
        if (events_.size() < max_events_) {
          events_.push_back(Item{record.node, record.time_ns, describe(record)});
        }
        return;
      case TraceEventKind::fault:
        ++faults_total_;
        note_down(record);
        if (faults_.size() < max_events_) {
          faults_.push_back(Item{record.node, record.time_ns, describe(record)});
        }
        return;
      case TraceEventKind::phase:
        if (record.is("phase", "start")) {
          phases_.push_back(
              Item{record.node, record.time_ns, std::string(record.text("name").value_or("?"))});
        }
        return;
      case TraceEventKind::network:
        return;  // duplicate, reorder, clog_hold: the arrows show their effect
    }
  }

  // The page's data (trace_html_page.h documents the shape).
  Json to_json(const std::string& source, const TraceWindow& window,
               const TraceWalkSummary& walk) const {
    std::map<uint32_t, int64_t> index;
    Json nodes = Json::array();
    for (uint32_t value : nodes_) {
      index[value] = static_cast<int64_t>(nodes.size());
      nodes.push_back(NodeId{value}.name());
    }
    auto node_index = [&index](NodeId node) -> int64_t {
      return node.is_none() ? -1 : index.at(node.value);
    };
    Json messages = Json::array();
    for (const Copy& copy : copies_) {
      messages.push_back(Json::array({node_index(copy.from), node_index(copy.to), copy.sent_ns,
                                      copy.end_ns, copy.type, copy.id, copy.outcome, copy.reason}));
    }
    auto items = [&node_index](const std::vector<Item>& list) {
      Json array = Json::array();
      for (const Item& item : list) {
        array.push_back(Json::array({node_index(item.node), item.time_ns, item.text}));
      }
      return array;
    };
    Json phases = Json::array();
    for (const Item& phase : phases_) {
      phases.push_back(Json::array({phase.time_ns, phase.text}));
    }
    Json down = Json::array();
    for (const Down& interval : down_) {
      down.push_back(Json::array({node_index(interval.node), interval.from_ns, interval.to_ns}));
    }
    for (const auto& [value, since] : down_since_) {
      down.push_back(Json::array({index.at(value), since, -1}));
    }
    Json types = Json::array();
    for (const std::string& type : type_names_) {
      types.push_back(type);
    }
    int64_t range_from = window.from_ns > 0 ? window.from_ns : walk.first_ns;
    int64_t range_until = std::max({walk.last_ns, window.until_ns.value_or(0), range_from + 1});
    Json counts{{"sends", sends_},
                {"sends_drawn", drawn_.size()},
                {"deliveries", walk.deliveries},
                {"drops", walk.drops},
                {"in_flight_at_end", walk.in_flight_at_end},
                {"events", events_total_},
                {"events_drawn", events_.size()},
                {"faults", faults_total_},
                {"faults_drawn", faults_.size()},
                {"max_messages", max_messages_},
                {"max_events", max_events_}};
    return Json{{"source", source},
                {"from_ns", range_from},
                {"until_ns", range_until},
                {"nodes", std::move(nodes)},
                {"types", std::move(types)},
                {"messages", std::move(messages)},
                {"events", items(events_)},
                {"faults", items(faults_)},
                {"phases", std::move(phases)},
                {"down", std::move(down)},
                {"counts", std::move(counts)}};
  }

  uint64_t nodes() const { return nodes_.size(); }
  uint64_t messages_drawn() const { return drawn_.size(); }

 private:
  struct Item {
    NodeId node;
    int64_t time_ns = 0;
    std::string text;
  };
  // One arrow: a copy of a message that arrived (outcome 0) or was dropped (1).
  struct Copy {
    NodeId from;
    NodeId to;
    int64_t sent_ns = 0;
    int64_t end_ns = 0;
    int64_t type = 0;  // index in type_names_
    uint64_t id = 0;
    int64_t outcome = 0;
    std::string reason;
  };
  struct Down {
    NodeId node;
    int64_t from_ns = 0;  // -1: down since before the window
    int64_t to_ns = 0;    // -1: still down at its end
  };

  void add_copy(const TraceRecord& record, const TraceMessage& message, int64_t outcome,
                std::string_view reason) {
    if (drawn_.count(message.id) == 0) {
      return;
    }
    auto [position, inserted] =
        type_index_.emplace(message.type, static_cast<int64_t>(type_names_.size()));
    if (inserted) {
      type_names_.push_back(message.type);
    }
    copies_.push_back(Copy{message.from, message.to, message.sent_ns, record.time_ns,
                           position->second, message.id, outcome, std::string(reason)});
  }

  // A node is down from its node.crash to its node.restart.
  void note_down(const TraceRecord& record) {
    if (record.node.is_none() || record.component != "node") {
      return;
    }
    if (record.event == "crash") {
      down_since_.emplace(record.node.value, record.time_ns);
    } else if (record.event == "restart") {
      auto position = down_since_.find(record.node.value);
      int64_t since = position == down_since_.end() ? -1 : position->second;
      if (position != down_since_.end()) {
        down_since_.erase(position);
      }
      down_.push_back(Down{record.node, since, record.time_ns});
    }
  }

  uint64_t max_messages_;
  uint64_t max_events_;
  std::set<uint32_t> nodes_;  // NodeId values: servers, then clients
  uint64_t sends_ = 0;
  // Membership only (never iterated): the sends drawn.
  std::unordered_set<uint64_t> drawn_;
  std::vector<Copy> copies_;
  std::vector<std::string> type_names_;  // in order of first arrow
  std::map<std::string, int64_t> type_index_;
  uint64_t events_total_ = 0;
  uint64_t faults_total_ = 0;
  std::vector<Item> events_;
  std::vector<Item> faults_;
  std::vector<Item> phases_;
  std::vector<Down> down_;
  std::map<uint32_t, int64_t> down_since_;  // node value -> crash time, while down
};

}  // namespace

std::string json_for_script(const std::string& json) {
  std::string safe;
  safe.reserve(json.size());
  for (char c : json) {
    if (c == '<') {
      safe += "\\u003c";
    } else {
      safe += c;
    }
  }
  return safe;
}

Result<TraceExportSummary> export_html(const TraceExportOptions& options, std::FILE* stream) {
  HtmlModel model(options.max_messages, options.max_events);
  Result<TraceWalkSummary> walk = walk_trace(options.trace_path, options.window, model);
  if (!walk.ok()) {
    return walk.error();
  }
  // The page's data; invalid UTF-8 in a trace text is replaced rather than fatal.
  std::string data = json_for_script(model.to_json(options.trace_path, options.window, *walk)
                                         .dump(-1, ' ', false, Json::error_handler_t::replace));
  std::fputs(html_page_head, stream);
  std::fwrite(data.data(), 1, data.size(), stream);
  std::fputs(html_page_tail, stream);
  if (std::ferror(stream) != 0) {
    return Error{std::string("cannot write: ") + std::strerror(errno), options.out_path, 0, ""};
  }
  TraceExportSummary summary;
  summary.walk = *walk;
  summary.nodes = model.nodes();
  summary.messages_drawn = model.messages_drawn();
  return summary;
}

}  // namespace faultline
